package org.hemei.casework;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.hemei.casework.Orders.Query;
import org.hemei.identity.Actor;

/** A list's filters as SQL over {@code work_order o}, inside the caller's scope: one rule for the board, inboxes and exports. */
final class OrderFilter {

    /** {@code where} starts with " from work_order o where"; {@code params} fill its placeholders in order. */
    record Sql(String where, List<Object> params) {
    }

    private OrderFilter() {
    }

    /** The overdue rule of the filter below, for a row already read: due and passed, not handled, still running. */
    static boolean overdue(Status status, Instant due, Instant handled, Instant now) {
        return due != null && handled == null && status.isOpen() && status != Status.SUSPENDED && due.isBefore(now);
    }

    static Sql of(Query query, Actor actor, Categories categories, Instant now) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(" from work_order o where ").append(OrderAccess.scopeFilter(actor, params));
        state(query, categories, where, params);
        units(query, where, params);
        placeTimeAndText(query, now, where, params);
        return new Sql(where.toString(), params);
    }

    /** Its status, a decision awaited, a check on site due. */
    private static void state(Query query, Categories categories, StringBuilder where, List<Object> params) {
        // a list's 全部 posts an empty status, which arrives as null: it selects nothing
        List<String> statuses = query.statuses() == null ? List.of()
                : query.statuses().stream().filter(java.util.Objects::nonNull).map(Status::name).toList();
        if (!statuses.isEmpty()) {
            where.append(" and o.status in (").append(String.join(",", statuses.stream().map(s -> "?").toList())).append(")");
            params.addAll(statuses);
        }
        if (query.awaitingDecisionOnly()) {
            where.append(" and (o.status = 'RETURN_REQUESTED' or o.pending_extension_until is not null or o.pending_suspension_reason is not null)");
        }
        List<String> verified = categories.all().stream().filter(Category::verify).map(Category::code).toList();
        String inVerified = verified.isEmpty() ? null : "o.category_code in (" + String.join(",", verified.stream().map(c -> "?").toList()) + ")";
        if (query.verifiedOnSiteOnly()) {
            where.append(inVerified == null ? " and 1 = 0" : " and " + inVerified);
            if (inVerified != null) params.addAll(verified);
        }
        if (query.awaitingFollowUpOnly()) { // as AvailableActions offers the follow-up: checked, or handled where no check is due
            where.append(inVerified == null ? " and o.status in ('VERIFIED','HANDLED')" : " and (o.status = 'VERIFIED' or (o.status = 'HANDLED'"
                    + " and (o.category_code is null or not " + inVerified + ")))");
            if (inVerified != null) params.addAll(verified);
        }
    }

    /** The units that lead or assist it. */
    private static void units(Query query, StringBuilder where, List<Object> params) {
        if (query.unit() != null) {
            where.append(" and (o.lead_unit_id = ? or exists (select 1 from work_order_assist a where a.work_order_id = o.id and a.unit_id = ?))");
            params.add(query.unit());
            params.add(query.unit());
        }
        if (query.ledBy() != null) {
            where.append(query.ledBy().isEmpty() ? " and 1 = 0" : " and o.lead_unit_id in ("
                    + String.join(",", query.ledBy().stream().map(u -> "?").toList()) + ")");
            params.addAll(query.ledBy());
        }
        if (query.assistedBy() != null) {
            String in = String.join(",", query.assistedBy().stream().map(u -> "?").toList());
            where.append(query.assistedBy().isEmpty() ? " and 1 = 0" : " and exists (select 1 from work_order_assist a where"
                    + " a.work_order_id = o.id and a.unit_id in (" + in + ")) and (o.lead_unit_id is null or o.lead_unit_id not in (" + in + "))");
            params.addAll(query.assistedBy());
            params.addAll(query.assistedBy());
        }
    }

    /** Where it is, when it is due, what its number or words contain. */
    private static void placeTimeAndText(Query query, Instant now, StringBuilder where, List<Object> params) {
        if (query.division() != null && !query.division().isBlank()) {
            where.append(" and o.division_code like ?");
            params.add(org.hemei.identity.Scope.prefix(query.division().strip()) + "%");
        }
        if (Boolean.TRUE.equals(query.overdue())) {
            where.append(" and o.handled_at is null and o.status not in ('CLOSED','MERGED','INVALID','SUSPENDED') and o.handle_due_at < ?");
            params.add(OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC));
        }
        if (query.dueBefore() != null) {
            where.append(" and o.handled_at is null and o.handle_due_at >= ? and o.handle_due_at < ?");
            params.add(OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC));
            params.add(OffsetDateTime.ofInstant(query.dueBefore(), java.time.ZoneOffset.UTC));
        }
        if (query.q() != null && !query.q().isBlank()) {
            // an imported order is also found by the number it had before (AUD-001 in the file)
            where.append(" and (o.number like ? or o.external_number like ? or o.title like ? or o.text like ?)");
            String like = "%" + query.q().strip() + "%";
            for (int i = 0; i < 4; i++) params.add(like);
        }
    }
}
