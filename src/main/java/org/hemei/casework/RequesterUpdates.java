package org.hemei.casework;

import org.hemei.identity.Actor;
import org.hemei.organization.Units;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells a resident who reported with an account how their demand goes, in their inbox: where it was sent, when it
 * is handled and waits for their word (回访), and how it ended. Steps they take themselves, and the units' inner
 * steps (signing, extensions), are not announced.
 */
@Component
class RequesterUpdates {

    static final String KIND = "PROGRESS";

    private final Notifications notifications;
    private final Units units;
    private final Categories categories;

    RequesterUpdates(Notifications notifications, Units units, Categories categories) {
        this.notifications = notifications;
        this.units = units;
        this.categories = categories;
    }

    @EventListener
    void changed(OrderChanged event) {
        WorkOrder o = event.order();
        Long requester = o.getRequesterAccountId();
        if (requester == null || event.step() == null || requester == Actor.current().accountId()) return;
        String message = message(o, event.step());
        if (message != null) notifications.toAccount(requester, o.getId(), KIND, message);
    }

    private String message(WorkOrder o, WorkOrder.Step step) {
        String n = o.getNumber();
        String note = step.note() == null || step.note().isBlank() ? "" : "：" + step.note();
        return switch (step.action()) {
            case "DISPATCH", "REDISPATCH" -> {
                String unit = step.unitId() == null ? "" : units.find(step.unitId()).map(u -> u.getName()).orElse("");
                yield "您反映的问题 " + n + " 已派至" + unit + "办理 / " + n + " was sent to " + unit + " to handle";
            }
            // the rating is asked for once the result stands: after the on-site check, or at handling where there is none
            case "VERIFY" -> verified(o) ? awaitingRating(o) : null;
            case "HANDLE" -> verified(o) ? null : awaitingRating(o);
            // a follow-up the centre made by phone that closed the order (the resident's own is not announced)
            case "FOLLOW_UP" -> step.to() == Status.CLOSED ? closed(o) : null;
            case "CLOSE_AT_INTAKE" -> "您反映的问题 " + n + " 已答复" + note + " / " + n + " was answered";
            case "CLOSE" -> closed(o);
            case "MERGE" -> "您反映的问题 " + n + " 与同一问题合并办理" + note + "，办结时会通知您 / " + n
                    + " is handled together with the same demand; you will hear when it is closed";
            case "INVALIDATE" -> "您反映的问题 " + n + " 未予受理" + note + " / " + n + " was not taken up";
            case "SUSPEND" -> "您反映的问题 " + n + " 暂缓办理" + note + " / " + n + " is on hold";
            case "RESUME", "REOPEN" -> "您反映的问题 " + n + " 已恢复办理 / work on " + n + " has resumed";
            default -> null;
        };
    }

    private boolean verified(WorkOrder o) {
        return categories.find(o.getCategoryCode()).map(Category::verify).orElse(false);
    }

    private static String awaitingRating(WorkOrder o) {
        return "您反映的问题 " + o.getNumber() + " 已办理完毕" + result(o) + "。请告诉我们是否解决、是否满意 / " + o.getNumber()
                + " has been handled: tell us whether it is resolved and how satisfied you are";
    }

    private static String closed(WorkOrder o) {
        return "您反映的问题 " + o.getNumber() + " 已办结" + result(o) + " / " + o.getNumber() + " is closed";
    }

    /** The handling result after a colon, without its own closing stop (the message adds one). */
    private static String result(WorkOrder o) {
        String f = o.getFeedback() == null ? "" : o.getFeedback().strip();
        while (f.endsWith("。") || f.endsWith(".")) f = f.substring(0, f.length() - 1);
        return f.isEmpty() ? "" : "：" + f;
    }
}
