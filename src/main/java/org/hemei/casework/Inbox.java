package org.hemei.casework;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.hemei.identity.Actor;
import org.hemei.identity.Role;

/**
 * A unit's or a grid worker's inbox: its tabs, and the orders each lists. Units see what they lead (and, under
 * "assist", what they assist or were summoned to); a grid worker, who acts for no unit, sees the orders of their grid.
 */
public final class Inbox {

    /** Due within this long counts as "soon" (即将超期). */
    static final Duration SOON = Duration.ofHours(24);

    private Inbox() {
    }

    /** A grid worker signs nothing (units do): their work is the on-site check, so their inbox opens there. */
    public static List<String> tabs(Actor actor) {
        return gridOnly(actor) ? List.of("verify", "progress", "soon", "overdue", "done")
                : List.of("sign", "progress", "soon", "overdue", "verify", "assist", "done");
    }

    /** The orders of one of {@link #tabs} (an unknown tab: the first). */
    public static Orders.Query query(Actor actor, String tab, Instant now) {
        if (!tabs(actor).contains(tab)) tab = tabs(actor).get(0);
        Instant soon = tab.equals("soon") ? now.plus(SOON) : null;
        Boolean overdue = tab.equals("overdue") ? true : null;
        Set<Status> statuses = statuses(tab);
        Orders.Query query = gridOnly(actor) ? Orders.Query.grid(statuses, overdue, soon)
                : tab.equals("assist") ? Orders.Query.assisting(statuses, actor.scope().unitIds())
                : Orders.Query.inbox(statuses, actor.scope().unitIds(), overdue, soon);
        return tab.equals("verify") ? query.verifiedOnSite() : query;
    }

    private static Set<Status> statuses(String tab) {
        return switch (tab) {
            case "progress" -> EnumSet.of(Status.SIGNED, Status.IN_PROGRESS, Status.SUSPENDED, Status.RETURN_REQUESTED);
            case "verify" -> EnumSet.of(Status.HANDLED);
            // orders this unit assists or was summoned to (吹哨), while they are still being worked
            case "assist" -> EnumSet.of(Status.DISPATCHED, Status.SIGNED, Status.IN_PROGRESS, Status.SUSPENDED, Status.RETURN_REQUESTED,
                    Status.HANDLED);
            case "done" -> EnumSet.of(Status.HANDLED, Status.VERIFIED, Status.FOLLOWED_UP, Status.CLOSED);
            case "overdue", "soon" -> EnumSet.of(Status.SIGNED, Status.IN_PROGRESS, Status.DISPATCHED);
            default -> EnumSet.of(Status.DISPATCHED);
        };
    }

    private static boolean gridOnly(Actor actor) {
        return actor.has(Role.GRID_WORKER) && actor.scope().unitIds().isEmpty();
    }
}
