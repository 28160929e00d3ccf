package org.hemei.duty;

import java.util.Collection;
import org.hemei.casework.Notifications;
import org.hemei.organization.UnitKind;
import org.hemei.organization.Units;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who hears of duty events in the in-app inbox: receiving community committees, the sending department, the reviewers
 * of access applications (administrators) and a street — its office and the Party staff acting for its working
 * committee (they have no unit, so each gets the notice personally).
 */
@Component
class DutyNotices {

    static final String TASK = "DUTY_TASK";
    static final String APPLICATION = "ACCESS_APPLICATION";
    static final String DECISION = "ACCESS_DECISION";
    static final String EVALUATION = "EVALUATION";

    private final Notifications notifications;
    private final Units units;
    private final JdbcClient jdbc;

    DutyNotices(Notifications notifications, Units units, JdbcClient jdbc) {
        this.notifications = notifications;
        this.units = units;
        this.jdbc = jdbc;
    }

    /** Each receiving community's committee (a community without a committee unit has no inbox to tell). */
    void toCommunities(Collection<String> communityCodes, String message) {
        for (String code : communityCodes) {
            units.at(UnitKind.COMMUNITY_COMMITTEE, code).ifPresent(u -> notifications.toUnit(u.getId(), null, TASK, message));
        }
    }

    void toUnit(long unitId, String kind, String message) {
        notifications.toUnit(unitId, null, kind, message);
    }

    /** The reviewers of access applications: every enabled administrator. */
    void toReviewers(String message) {
        jdbc.sql("""
                select a.id from account a join account_role r on r.account_id = a.id
                where r.role = 'ADMIN' and a.enabled order by a.id""")
                .query(Long.class).list().forEach(id -> notifications.toAccount(id, null, APPLICATION, message));
    }

    /** A street: its office, and the Party staff whose scope is the street itself (its working committee's staff). */
    void toStreet(String streetCode, String message) {
        units.at(UnitKind.STREET_OFFICE, streetCode).ifPresent(u -> notifications.toUnit(u.getId(), null, EVALUATION, message));
        jdbc.sql("""
                select a.id from account a join account_role r on r.account_id = a.id and r.role = 'PARTY_STAFF'
                join account_scope s on s.account_id = a.id and s.kind = 'DIVISION' and s.ref = ?
                where a.enabled order by a.id""")
                .params(streetCode).query(Long.class).list()
                .forEach(id -> notifications.toAccount(id, null, EVALUATION, message));
    }
}
