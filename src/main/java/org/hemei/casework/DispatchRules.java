package org.hemei.casework;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The dispatch catalogue 派单目录 as routing sees it. Implemented by the duty module (which depends on casework,
 * so casework only knows this interface): given an order's category, place, urgency and channel on a day, the rule
 * that chooses its lead and assisting units, with an explanation naming the rule. Empty when no rule applies —
 * routing then falls back to the street of the place (属地兜底).
 */
public interface DispatchRules {

    /** urgency and channel may be null (unknown): rules conditioned on them then do not apply. */
    Optional<Routing.Route> decide(Category category, String placeCode, Urgency urgency, Channel channel, LocalDate on);
}
