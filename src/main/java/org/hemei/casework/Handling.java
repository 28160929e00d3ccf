package org.hemei.casework;

import java.time.Clock;
import java.time.Instant;
import org.hemei.identity.Actor;
import org.hemei.identity.Role;
import org.hemei.shared.DomainException;
import org.hemei.shared.Limits;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The lead unit's side (线下接单): sign, start, handle with feedback; ask to return a wrongly sent order, to
 * extend the time limit or to suspend; resume. Then on-site verification and the follow-up with the requester.
 */
@Service
public class Handling {

    private final OrderAccess access;
    private final Categories categories;
    private final Clock clock;

    Handling(OrderAccess access, Categories categories, Clock clock) {
        this.access = access;
        this.categories = categories;
        this.clock = clock;
    }

    @Transactional
    public WorkOrder sign(long id, Integer version) {
        return asLeadUnit(id, version, o -> o.sign(clock.instant()));
    }

    @Transactional
    public WorkOrder start(long id, String note, Integer version) {
        return asLeadUnit(id, version, o -> o.start(note));
    }

    @Transactional
    public WorkOrder handle(long id, String result, Integer version) {
        String text = required(result, 2000, "办理结果 result", "请填写办理结果 / the handling result is required");
        return asLeadUnit(id, version, o -> o.handle(text, clock.instant()));
    }

    @Transactional
    public WorkOrder requestReturn(long id, String reason, Integer version) {
        String why = required(reason, 500, "理由 reason", "请说明退单理由 / a reason for the return is required");
        return asLeadUnit(id, version, o -> o.requestReturn(why));
    }

    @Transactional
    public WorkOrder requestExtension(long id, Instant until, String reason, Integer version) {
        String why = required(reason, 500, "理由 reason", "请说明延期理由 / a reason for the extension is required");
        if (until == null) throw DomainException.badRequest("请填写延期后的时限 until / until is required");
        return asLeadUnit(id, version, o -> o.requestExtension(until, why));
    }

    @Transactional
    public WorkOrder requestSuspension(long id, String reason, Integer version) {
        String why = required(reason, 500, "理由 reason", "请说明挂账理由 / a reason for the suspension is required");
        return asLeadUnit(id, version, o -> o.requestSuspension(why));
    }

    @Transactional
    public WorkOrder resume(long id, String note, Integer version) {
        WorkOrder order = access.get(id);
        Actor actor = Actor.current();
        if (!actor.isAdmin() && !actor.has(Role.DISPATCHER)) OrderAccess.requireLeadUnit(order);
        return access.apply(id, version, o -> o.resume(clock.instant(), note));
    }

    /** 核查: by the 12345 centre or a grid worker of the place. */
    @Transactional
    public WorkOrder verify(long id, boolean passed, String note, Integer version) {
        WorkOrder order = access.get(id);
        Actor actor = Actor.current();
        if (!actor.isAdmin() && !actor.has(Role.DISPATCHER) && !OrderAccess.checksOnSite(actor, order)) {
            throw new AccessDeniedException("verification is for the 12345 centre or the grid's worker");
        }
        return access.apply(id, version, o -> o.verify(passed, note));
    }

    /** 回访: the 12345 centre calls the requester, or the requester rates the order themselves. */
    @Transactional
    public WorkOrder followUp(long id, Boolean resolved, Satisfaction satisfaction, String note, Integer version) {
        if (resolved == null || satisfaction == null) {
            throw DomainException.badRequest("请填写是否解决及满意度 / resolved and satisfaction are required");
        }
        WorkOrder order = access.get(id);
        Actor actor = Actor.current();
        boolean requester = order.getRequesterAccountId() != null && order.getRequesterAccountId() == actor.accountId();
        if (!actor.isAdmin() && !actor.has(Role.DISPATCHER) && !requester) {
            throw new AccessDeniedException("follow-up is for the 12345 centre or the requester");
        }
        boolean verificationNeeded = order.getCategoryCode() != null && categories.get(order.getCategoryCode()).verify();
        return access.apply(id, version, o -> o.followUp(resolved, satisfaction, verificationNeeded, clock.instant(), note));
    }

    private WorkOrder asLeadUnit(long id, Integer version, java.util.function.Function<WorkOrder, WorkOrder.Step> step) {
        OrderAccess.requireLeadUnit(access.get(id));
        return access.apply(id, version, step);
    }

    /** The text stripped; refused when blank ({@code message}) or longer than its column ({@code max}). */
    private static String required(String text, int max, String field, String message) {
        if (text == null || text.isBlank()) throw DomainException.badRequest(message);
        return Limits.atMost(text.strip(), max, field);
    }
}
