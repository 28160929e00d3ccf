package org.hemei.duty;

import java.util.Collection;
import org.hemei.casework.Notifications;
import org.hemei.identity.Accounts;
import org.hemei.identity.Role;
import org.hemei.organization.UnitKind;
import org.hemei.organization.Units;
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
    static final String TASKS_PAGE = "/duty/tasks";
    static final String APPLICATIONS_PAGE = "/duty/applications";

    private final Notifications notifications;
    private final Units units;
    private final Accounts accounts;

    DutyNotices(Notifications notifications, Units units, Accounts accounts) {
        this.notifications = notifications;
        this.units = units;
        this.accounts = accounts;
    }

    /** Each receiving community's committee (a community without a committee unit has no inbox to tell). */
    void toCommunities(Collection<String> communityCodes, String message) {
        for (String code : communityCodes) {
            units.at(UnitKind.COMMUNITY_COMMITTEE, code).ifPresent(u -> notifications.toUnitAbout(u.getId(), TASKS_PAGE, TASK, message));
        }
    }

    /** {@code link}: the page the notice opens, a path of this site. */
    void toUnit(long unitId, String kind, String link, String message) {
        notifications.toUnitAbout(unitId, link, kind, message);
    }

    /** The reviewers of access applications: every enabled administrator. */
    void toReviewers(String message) {
        accounts.enabledIdsWithRole(Role.ADMIN.name())
                .forEach(id -> notifications.toAccountAbout(id, APPLICATIONS_PAGE, APPLICATION, message));
    }

    /** A street: its office, and the Party staff whose scope is the street itself (its working committee's staff). */
    void toStreet(String streetCode, String link, String message) {
        units.at(UnitKind.STREET_OFFICE, streetCode).ifPresent(u -> notifications.toUnitAbout(u.getId(), link, EVALUATION, message));
        accounts.enabledIdsWithRoleScopedTo(Role.PARTY_STAFF.name(), streetCode)
                .forEach(id -> notifications.toAccountAbout(id, link, EVALUATION, message));
    }

    static String evaluationPage(long id) {
        return "/duty/evaluations/" + id;
    }
}
