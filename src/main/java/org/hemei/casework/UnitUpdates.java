package org.hemei.casework;

import java.time.Instant;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells the lead unit, in its inbox (and by text message where it has a phone), what the centre did to its work: a
 * new order sent to it, a return refused, a request for more time or a suspension decided, and work sent back to be
 * redone. Its own steps are not announced back to it.
 */
@Component
class UnitUpdates {

    static final String KIND = "ASSIGNED";

    private final Notifications notifications;

    UnitUpdates(Notifications notifications) {
        this.notifications = notifications;
    }

    @EventListener
    void changed(OrderChanged event) {
        WorkOrder o = event.order();
        WorkOrder.Step step = event.step();
        if (step == null || o.getLeadUnitId() == null) return;
        String message = message(o, step);
        if (message != null) notifications.toUnit(o.getLeadUnitId(), o.getId(), KIND, message);
    }

    private static String message(WorkOrder o, WorkOrder.Step step) {
        String n = o.getNumber();
        String note = step.note() == null || step.note().isBlank() ? "" : "：" + step.note();
        return switch (step.action()) {
            // the dispatch note is the rule that chose the unit, for the centre: the unit hears of the order and its time
            case "DISPATCH", "REDISPATCH" -> "新工单 " + n + " 已派至本单位，请于 " + time(o.getSignDueAt()) + " 前签收 / new order " + n
                    + " for your unit: sign it by " + time(o.getSignDueAt());
            case "REJECT_RETURN" -> "工单 " + n + " 的退单申请未通过，请继续办理" + note + " / the return of " + n + " was refused: carry on";
            case "APPROVE_EXTENSION" -> "工单 " + n + " 延期已批准，新时限 " + time(o.getHandleDueAt()) + " / more time for " + n
                    + " approved: due " + time(o.getHandleDueAt());
            case "REJECT_EXTENSION" -> "工单 " + n + " 延期未批准" + note + " / more time for " + n + " was refused";
            case "SUSPEND" -> "工单 " + n + " 挂账已批准，暂停计时 / the suspension of " + n + " was approved: its clock stops";
            case "REJECT_SUSPENSION" -> "工单 " + n + " 挂账未批准" + note + " / the suspension of " + n + " was refused";
            case "VERIFY_FAILED" -> "工单 " + n + " 现场核查未通过，请返工" + note + " / " + n + " failed its on-site check: redo it";
            case "REOPEN" -> "工单 " + n + " 回访未解决，已退回重办" + note + " / " + n + " was not resolved: it is back with you";
            default -> null;
        };
    }

    private static String time(Instant at) {
        return at == null ? "—" : WorkOrder.noteTime(at);
    }
}
