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
        List<Wanted> wanted = new ArrayList<>();
        boolean centre = actor.isAdmin() || actor.has(Role.DISPATCHER);
        if (centre) {
            wanted.add(board("workload.toRegister", new Orders.Query(EnumSet.of(Status.RECEIVED), null, null, null, null),
                    "status=RECEIVED", false));
            wanted.add(board("workload.awaitingDecision", Orders.Query.any().awaitingDecision(), "awaiting=true", false));
            wanted.add(board("workload.toFollowUp", Orders.Query.any().awaitingFollowUp(), "followUp=true", false));
        }
        if (centre || actor.has(Role.LEADER)) {
            wanted.add(board("workload.overdue", new Orders.Query(null, null, null, true, null), "overdue=true", true));
        }
        if (actor.has(Role.UNIT_STAFF) || actor.has(Role.GRID_WORKER)) {
            // a unit signs and must not run late; the on-site checks are the grid worker's
            for (String tab : actor.scope().unitIds().isEmpty() ? List.of("verify") : List.of("sign", "soon", "overdue")) {
                wanted.add(new Wanted("inbox.tab." + tab, Inbox.query(actor, tab, clock.instant()), "/casework/inbox?tab=" + tab,
                        tab.equals("overdue")));
            }
        }
        if (actor.has(Role.RESIDENT) || actor.has(Role.COURIER)) { // their own reports, handled, waiting for their rating
            wanted.add(new Wanted("track.toRate", Orders.Query.any().awaitingFollowUp(), "/track?rate=true", false));
        }
        List<Long> counts = orders.counts(wanted.stream().map(Wanted::query).toList());
        List<Tally> out = new ArrayList<>();
        for (int i = 0; i < wanted.size(); i++) {
            Wanted w = wanted.get(i);
            out.add(new Tally(w.label(), counts.get(i), w.link(), w.urgent()));
        }
        return out;
    }

    /** A tally before it is counted: all of a page's are counted together. */
    private record Wanted(String label, Orders.Query query, String link, boolean urgent) {
    }

    private static Wanted board(String label, Orders.Query query, String filter, boolean urgent) {
        return new Wanted(label, query, "/casework/board?" + filter, urgent);
    }
}
