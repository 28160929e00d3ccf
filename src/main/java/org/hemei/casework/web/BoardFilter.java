package org.hemei.casework.web;

import java.util.Set;
import org.hemei.casework.Orders;
import org.hemei.casework.Status;
import org.hemei.territory.Territory;

/** The board's filters as posted: the list shows them and the export writes them, so both read them here. */
public record BoardFilter(Set<Status> status, Boolean overdue, String q, String division, Boolean awaiting, Boolean followUp) {

    /** {@code division} may be typed by name; one that names no place, or several, is refused (400) rather than list nothing. */
    Orders.Query query(Territory territory) {
        String code = division == null || division.isBlank() ? null : territory.resolve(division).code();
        Orders.Query query = new Orders.Query(status, null, code, overdue, q);
        if (Boolean.TRUE.equals(awaiting)) query = query.awaitingDecision();
        return Boolean.TRUE.equals(followUp) ? query.awaitingFollowUp() : query;
    }

    public Set<Status> selected() {
        return status == null ? Set.of() : status;
    }
}
