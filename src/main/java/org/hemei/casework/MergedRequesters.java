package org.hemei.casework;

import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * 并单: when an order closes, everyone whose demand was merged into it hears the result too — in the app if
 * they reported with an account, by text message at the number they gave.
 */
@Component
class MergedRequesters {

    record Requester(long id, String number, Long accountId, String phone) {
    }

    private final JdbcClient jdbc;
    private final Notifications notifications;
    private final SmsSender sms;

    MergedRequesters(JdbcClient jdbc, Notifications notifications, SmsSender sms) {
        this.jdbc = jdbc;
        this.notifications = notifications;
        this.sms = sms;
    }

    @EventListener
    void closed(OrderChanged event) {
        WorkOrder master = event.order();
        if (master.getStatus() != Status.CLOSED) return;
        List<Requester> merged = jdbc.sql("select id, number, requester_account_id as account_id, requester_phone as phone from work_order where merged_into_id = ?")
                .param(master.getId()).query(Requester.class).list();
        String result = master.getFeedback() == null ? "" : "：" + master.getFeedback();
        for (Requester r : merged) {
            String message = "您反映的问题（" + r.number() + "）已与 " + master.getNumber() + " 合并办理，现已办结" + result;
            if (r.accountId() != null) notifications.toAccount(r.accountId(), r.id(), "RESULT", message);
            if (r.phone() != null && !r.phone().isBlank()) sms.send(r.phone(), message);
        }
    }
}
