package org.hemei.casework;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hemei.identity.Actor;
import org.hemei.identity.Role;

/**
 * Which actions a person may take on an order right now: the order page shows exactly these, the step the order waits
 * for first and the other possibilities (a request, a correction, ending it) after.
 */
public final class AvailableActions {

    /** The steps that move an order along its usual course, in the order they come. */
    static final List<String> NEXT_STEPS = List.of("register", "dispatch", "return-review", "extension-decision",
            "suspension-decision", "sign", "start", "handle", "resume", "verify", "follow-up", "close");
    /** What may also be done, but is not the next step: offered after the next steps, folded on the page. */
    static final List<String> OTHERS = List.of("supervise", "whistle", "return", "extension", "suspension", "reopen", "merge",
            "invalidate");

    private AvailableActions() {
    }

    /** True for what is not the order's next step (see {@link #OTHERS}). */
    public static boolean isOther(String action) {
        return OTHERS.contains(action);
    }

    public static Set<String> of(WorkOrder o, Actor actor, boolean verificationNeeded) {
        Set<String> allowed = allowed(o, actor, verificationNeeded);
        Set<String> ordered = new LinkedHashSet<>();
        for (String a : NEXT_STEPS) if (allowed.contains(a)) ordered.add(a);
        for (String a : OTHERS) if (allowed.contains(a)) ordered.add(a);
        ordered.addAll(allowed); // one named in neither list still shows, last
        return ordered;
    }

    private static Set<String> allowed(WorkOrder o, Actor actor, boolean verificationNeeded) {
        Set<String> actions = new HashSet<>();
        Status s = o.getStatus();
        boolean centre = actor.isAdmin() || actor.has(Role.DISPATCHER);
        boolean leadUnit = o.getLeadUnitId() != null && (actor.has(Role.UNIT_STAFF) || actor.has(Role.GRID_WORKER))
                && actor.scope().unitIds().contains(o.getLeadUnitId());
        boolean requester = o.getRequesterAccountId() != null && o.getRequesterAccountId() == actor.accountId();
        boolean awaitingFollowUp = s == Status.VERIFIED || (s == Status.HANDLED && !verificationNeeded);
        if (centre) {
            switch (s) {
                case RECEIVED -> actions.addAll(Set.of("register", "merge", "invalidate"));
                case REGISTERED -> actions.addAll(Set.of("dispatch", "merge", "invalidate"));
                case DISPATCHED -> actions.add("merge");
                case RETURN_REQUESTED -> actions.add("return-review");
                case FOLLOWED_UP -> actions.addAll(Set.of("close", "reopen"));
                case SUSPENDED -> actions.add("resume");
                default -> { }
            }
            if (o.getPendingExtensionUntil() != null) actions.add("extension-decision");
            if (o.getPendingSuspensionReason() != null) actions.add("suspension-decision");
            if (s == Status.HANDLED && verificationNeeded) actions.add("verify");
            if (awaitingFollowUp) actions.add("follow-up");
        }
        if (leadUnit) {
            switch (s) {
                case DISPATCHED -> actions.addAll(Set.of("sign", "return"));
                case SIGNED -> actions.addAll(Set.of("start", "handle", "return", "extension", "suspension"));
                case IN_PROGRESS -> actions.addAll(Set.of("handle", "extension", "suspension"));
                case SUSPENDED -> actions.add("resume");
                default -> { }
            }
            // one request of each kind at a time: a second waits for the centre's decision on the first
            if (o.getPendingExtensionUntil() != null) actions.remove("extension");
            if (o.getPendingSuspensionReason() != null) actions.remove("suspension");
        }
        boolean overseer = centre || actor.has(Role.LEADER);
        if (overseer && o.getLeadUnitId() != null && s.isOpen() && o.getHandledAt() == null) actions.add("supervise");
        boolean territorial = actor.has(Role.UNIT_STAFF) && o.getDivisionCode() != null && actor.covers(o.getDivisionCode());
        if ((territorial || actor.isAdmin()) && EnumSet.of(Status.DISPATCHED, Status.SIGNED, Status.IN_PROGRESS).contains(s)) {
            actions.add("whistle");
        }
        if (OrderAccess.checksOnSite(actor, o) && s == Status.HANDLED && verificationNeeded) actions.add("verify");
        if (requester && awaitingFollowUp) actions.add("follow-up");
        return actions;
    }
}
