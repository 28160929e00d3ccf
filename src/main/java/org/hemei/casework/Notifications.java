package org.hemei.casework;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.hemei.identity.Actor;
import org.hemei.identity.Role;
import org.hemei.identity.Scope;
import org.hemei.organization.Units;
import org.hemei.shared.Paging;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The in-app inbox: messages to a unit (every account acting for it sees them), to the 12345 centre (every
 * dispatcher), to the leaders over a territory, or to one person; units with a phone number also get a text message.
 * A message shared by several people is read once for all of them: one dispatcher taking it up is enough.
 */
@Service
public class Notifications {

    public record Notice(long id, String kind, String message, Long workOrderId, String link, OffsetDateTime createdAt,
            OffsetDateTime readAt) {

        /** The page the notice is about: its order's, or the page it links to; null when it is only news. */
        public String page() {
            return workOrderId != null ? "/casework/orders/" + workOrderId : link;
        }
    }

    private final JdbcClient jdbc;
    private final Units units;
    private final SmsSender sms;
    private final Clock clock;

    Notifications(JdbcClient jdbc, Units units, SmsSender sms, Clock clock) {
        this.jdbc = jdbc;
        this.units = units;
        this.sms = sms;
        this.clock = clock;
    }

    public void toUnit(long unitId, Long orderId, String kind, String message) {
        insert("UNIT", unitId, null, null, orderId, null, kind, message);
        sms(unitId, message);
    }

    /** About a page that is not an order's ({@code link}: a path of this site, e.g. /duty/evaluations/7). */
    public void toUnitAbout(long unitId, String link, String kind, String message) {
        insert("UNIT", unitId, null, null, null, link, kind, message);
        sms(unitId, message);
    }

    public void toAccountAbout(long accountId, String link, String kind, String message) {
        insert("ACCOUNT", null, null, accountId, null, link, kind, message);
    }

    private void sms(long unitId, String message) {
        units.find(unitId).map(u -> u.getPhone()).filter(p -> p != null && !p.isBlank()).ifPresent(p -> sms.send(p, message));
    }

    /** To the leaders whose territory covers this place (the district's and the city's). */
    void toLeaders(String divisionCode, Long orderId, String kind, String message) {
        insert("LEADERS", null, divisionCode, null, orderId, null, kind, message);
    }

    /** To the 12345 centre: every dispatcher sees it. */
    void toCentre(Long orderId, String kind, String message) {
        insert("CENTRE", null, null, null, orderId, null, kind, message);
    }

    public void toAccount(long accountId, Long orderId, String kind, String message) {
        insert("ACCOUNT", null, null, accountId, orderId, null, kind, message);
    }

    public Paging<Notice> mine(boolean unreadOnly, int page, int size) {
        List<Object> params = new ArrayList<>();
        String where = " from notification n where " + audience(Actor.current(), params) + (unreadOnly ? " and n.read_at is null" : "");
        long total = jdbc.sql("select count(*)" + where).params(params).query(Long.class).single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(size);
        pageParams.add((long) page * size);
        List<Notice> items = jdbc.sql("select n.id, n.kind, n.message, n.work_order_id, n.link, n.created_at, n.read_at" + where
                + " order by n.id desc limit ? offset ?").params(pageParams).query(Notice.class).list();
        return new Paging<>(items, page, size, total);
    }

    public long unreadCount() {
        List<Object> params = new ArrayList<>();
        return jdbc.sql("select count(*) from notification n where " + audience(Actor.current(), params) + " and n.read_at is null")
                .params(params).query(Long.class).single();
    }

    /** Marks one of the caller's notifications read (others' are left alone); returns the page it is about, or null. */
    @Transactional
    public String markRead(long id) {
        List<Object> params = new ArrayList<>();
        params.add(OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
        params.add(Actor.current().username());
        params.add(id);
        String audience = audience(Actor.current(), params);
        jdbc.sql("update notification n set read_at = ?, read_by = ? where n.id = ? and n.read_at is null and " + audience)
                .params(params).update();
        List<Object> mine = new ArrayList<>(List.of(id));
        return jdbc.sql("select n.work_order_id, n.link from notification n where n.id = ? and " + audience(Actor.current(), mine))
                .params(mine).query((rs, i) -> new Notice(id, null, null, rs.getObject(1, Long.class), rs.getString(2), null, null).page())
                .list().stream().filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    /**
     * Which notifications a person sees: their units', their own, as a dispatcher the centre's, and as a leader those
     * over their territory.
     */
    private static String audience(Actor actor, List<Object> params) {
        List<String> any = new ArrayList<>();
        any.add("(n.audience = 'ACCOUNT' and n.account_id = ?)");
        params.add(actor.accountId());
        for (Long unit : actor.scope().unitIds()) {
            any.add("(n.audience = 'UNIT' and n.unit_id = ?)");
            params.add(unit);
        }
        if (actor.has(Role.DISPATCHER)) any.add("n.audience = 'CENTRE'");
        if (actor.has(Role.LEADER) || actor.isAdmin()) {
            for (String code : actor.scope().divisionCodes()) {
                any.add("(n.audience = 'LEADERS' and n.division_code like ?)");
                params.add(Scope.prefix(code) + "%");
            }
        }
        return "(" + String.join(" or ", any) + ")";
    }

    private void insert(String audience, Long unitId, String division, Long accountId, Long orderId, String link, String kind,
            String message) {
        jdbc.sql("insert into notification(audience, unit_id, division_code, account_id, work_order_id, link, kind, message, created_at)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(audience, unitId, division, accountId, orderId, link, kind, message.length() > 500 ? message.substring(0, 500) : message,
                        OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
                .update();
    }
}
