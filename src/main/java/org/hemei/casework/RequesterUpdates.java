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

    RequesterUpdates(Notifications notifications, Units units) {
        this.notifications = notifications;
        this.units = units;
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
            case "VERIFY" -> "您反映的问题 " + n + " 已办理完毕" + (o.getFeedback() == null ? "" : "：" + o.getFeedback())
                    + "。请告诉我们是否解决、是否满意 / " + n + " has been handled: tell us whether it is resolved and how satisfied you are";
            case "CLOSE_AT_INTAKE" -> "您反映的问题 " + n + " 已答复" + note + " / " + n + " was answered";
            case "CLOSE" -> "您反映的问题 " + n + " 已办结" + (o.getFeedback() == null ? "" : "：" + o.getFeedback()) + " / " + n + " is closed";
            case "MERGE" -> "您反映的问题 " + n + " 与同一问题合并办理" + note + "，办结时会通知您 / " + n
                    + " is handled together with the same demand; you will hear when it is closed";
            case "INVALIDATE" -> "您反映的问题 " + n + " 未予受理" + note + " / " + n + " was not taken up";
            case "SUSPEND" -> "您反映的问题 " + n + " 暂缓办理" + note + " / " + n + " is on hold";
            case "RESUME", "REOPEN" -> "您反映的问题 " + n + " 已恢复办理 / work on " + n + " has resumed";
            default -> null;
        };
    }
}
