package org.hemei.casework;

import org.hemei.organization.Unit;
import org.hemei.organization.Units;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells the 12345 centre, in the dispatchers' shared inbox, of what waits for its decision: a unit asking to return
 * an order, for more time or to suspend it, and a demand the requester says is not resolved. The board's
 * 待审批 filter lists the same orders; the notice reaches a dispatcher who is not watching it.
 */
@Component
class CentreUpdates {

    static final String KIND = "DECISION";

    private final Notifications notifications;
    private final Units units;

    CentreUpdates(Notifications notifications, Units units) {
        this.notifications = notifications;
        this.units = units;
    }

    @EventListener
    void changed(OrderChanged event) {
        String message = message(event.order(), event.step());
        if (message != null) notifications.toCentre(event.order().getId(), KIND, message);
    }

    private String message(WorkOrder o, WorkOrder.Step step) {
        if (step == null) return null;
        String n = o.getNumber(), unit = step.unitId() == null ? "承办单位" : unitName(step.unitId());
        return switch (step.action()) {
            case "REQUEST_RETURN" -> unit + "申请退回工单 " + n + "：" + o.getPendingReturnReason() + "，请审核 / " + unit
                    + " asks to return " + n + ": review it";
            case "REQUEST_EXTENSION" -> unit + "申请工单 " + n + " 延期至 " + WorkOrder.noteTime(o.getPendingExtensionUntil()) + "："
                    + o.getPendingExtensionReason() + "，请审批 / " + unit + " asks for more time on " + n + ", until "
                    + WorkOrder.noteTime(o.getPendingExtensionUntil());
            case "REQUEST_SUSPENSION" -> unit + "申请工单 " + n + " 挂账：" + o.getPendingSuspensionReason() + "，请审批 / " + unit
                    + " asks to suspend " + n + ": decide it";
            case "FOLLOW_UP" -> o.getStatus() == Status.FOLLOWED_UP ? "工单 " + n + " 回访未解决，请决定重新交办或办结 / " + n
                    + " was not resolved at follow-up: reopen or close it" : null;
            default -> null;
        };
    }

    private String unitName(long id) {
        return units.find(id).map(Unit::getName).orElse("单位 " + id);
    }
}
