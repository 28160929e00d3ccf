package org.hemei.casework;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.hemei.identity.Actor;
import org.hemei.identity.Role;
import org.springframework.stereotype.Service;

/**
 * What waits for a person, counted, for their home page: the centre's orders to register, decisions asked of it, orders
 * to call back (回访) and overdue orders; a leader's overdue orders; a unit's orders to sign and those soon or already
 * overdue; a grid worker's on-site checks; a resident's or courier's reports to rate. Each tally links to the list it counts.
 */
@Service
public class Workload {

    /** {@code label} is a message key; {@code link} the list the count comes from. */
    public record Tally(String label, long count, String link, boolean urgent) {
    }

    private final Orders orders;
    private final Clock clock;

    Workload(Orders orders, Clock clock) {
        this.orders = orders;
        this.clock = clock;
    }

    public List<Tally> ofCurrent() {
        Actor actor = Actor.current();
        List<Tally> out = new ArrayList<>();
        boolean centre = actor.isAdmin() || actor.has(Role.DISPATCHER);
        if (centre) {
            out.add(board("workload.toRegister", new Orders.Query(EnumSet.of(Status.RECEIVED), null, null, null, null),
                    "status=RECEIVED", false));
            out.add(board("workload.awaitingDecision", Orders.Query.any().awaitingDecision(), "awaiting=true", false));
            out.add(board("workload.toFollowUp", Orders.Query.any().awaitingFollowUp(), "followUp=true", false));
        }
        if (centre || actor.has(Role.LEADER)) {
            out.add(board("workload.overdue", new Orders.Query(null, null, null, true, null), "overdue=true", true));
        }
        if (actor.has(Role.UNIT_STAFF) || actor.has(Role.GRID_WORKER)) {
            // a unit signs and must not run late; the on-site checks are the grid worker's
            for (String tab : actor.scope().unitIds().isEmpty() ? List.of("verify") : List.of("sign", "soon", "overdue")) {
                out.add(new Tally("inbox.tab." + tab, orders.count(Inbox.query(actor, tab, clock.instant())), "/casework/inbox?tab=" + tab,
                        tab.equals("overdue")));
            }
        }
        if (actor.has(Role.RESIDENT) || actor.has(Role.COURIER)) { // their own reports, handled, waiting for their rating
            out.add(new Tally("track.toRate", orders.count(Orders.Query.any().awaitingFollowUp()), "/track?rate=true", false));
        }
        return out;
    }

    private Tally board(String label, Orders.Query query, String filter, boolean urgent) {
        return new Tally(label, orders.count(query), "/casework/board?" + filter, urgent);
    }
}
