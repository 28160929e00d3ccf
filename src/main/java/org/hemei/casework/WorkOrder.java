package org.hemei.casework;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.hemei.shared.DomainException;
import org.hemei.shared.Words;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Transient;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/**
 * One demand, from receipt to closing. Each transition checks the current status (an illegal one is refused
 * with 409 and changes nothing) and leaves a {@link Step} for the order's timeline.
 */
@Table("work_order")
public class WorkOrder {

    /** What a transition did, for the timeline. */
    public record Step(String action, Status from, Status to, Long unitId, String note) {
    }

    @Table("work_order_assist")
    public record Assist(Long unitId) {
    }

    @Id
    private Long id;
    @Version
    private Integer version;
    private String number;
    private Channel channel;
    private Status status;
    private String title;
    private String text;
    private String categoryCode;
    private Urgency urgency;
    private boolean majorHazard;
    private String requesterName;
    private String requesterPhone;
    private Long requesterAccountId;
    private boolean confidential;
    private Double lat;
    private Double lng;
    private String address;
    private String divisionCode;
    private Long leadUnitId;
    @MappedCollection(idColumn = "work_order_id")
    private Set<Assist> assisting = new HashSet<>();
    private Instant receivedAt;
    private Instant dispatchedAt;
    private Instant signDueAt;
    private Instant handleDueAt;
    private Instant signedAt;
    private Instant handledAt;
    private Instant closedAt;
    private boolean closedAtIntake;
    private int reworkCount;
    private int returnCount;
    private String pendingReturnReason;
    private Instant pendingExtensionUntil;
    private String pendingExtensionReason;
    private String pendingSuspensionReason;
    private Instant suspendedAt;
    private Long mergedIntoId;
    private String feedback;
    private Boolean resolved;
    private Satisfaction satisfaction;
    private String idempotencyKey;
    private String createdBy;
    private Instant signWarnAt;
    private Instant handleWarnAt;
    private Instant nextCheckAt;
    private String suggestedGroup;
    private String suggestedDivision;
    private String externalNumber;

    @Transient
    private Step lastStep;

    protected WorkOrder() {
    }

    /** A new demand as received, from any channel. */
    public static WorkOrder receive(String number, Channel channel, Intake.Demand demand, String divisionCode,
            Long requesterAccountId, String createdBy, Instant now) {
        WorkOrder o = new WorkOrder();
        o.number = number;
        o.channel = channel;
        o.status = Status.RECEIVED;
        o.title = demand.title();
        o.text = demand.text();
        o.categoryCode = demand.category();
        o.urgency = demand.urgency() == null ? Urgency.NORMAL : demand.urgency();
        o.majorHazard = Boolean.TRUE.equals(demand.majorHazard());
        o.requesterName = demand.requesterName();
        o.requesterPhone = demand.requesterPhone();
        o.requesterAccountId = requesterAccountId;
        o.confidential = Boolean.TRUE.equals(demand.confidential());
        o.lat = demand.lat();
        o.lng = demand.lng();
        o.address = demand.address();
        o.divisionCode = divisionCode;
        o.receivedAt = now;
        o.idempotencyKey = demand.idempotencyKey();
        o.createdBy = createdBy;
        o.lastStep = new Step("RECEIVE", null, Status.RECEIVED, null, channel.name());
        return o;
    }

    /**
     * A historical order from a bulk import, without routing or notifications. Without a handling history it
     * is open: RECEIVED, or REGISTERED when its category is known, waiting for dispatch like any other. A closed
     * one is CLOSED at {@code closedAt} with the result it had; whether it was resolved is not known.
     */
    static WorkOrder imported(String number, String externalNumber, Intake.Demand demand, Category category, boolean closed,
            Instant receivedAt, Instant closedAt, String feedback, String createdBy, String note) {
        WorkOrder o = receive(number, Channel.IMPORT, demand, demand.divisionCode(), null, createdBy, receivedAt);
        o.externalNumber = externalNumber;
        if (closed) {
            o.categoryCode = category == null ? null : category.code();
            o.closedAt = closedAt;
            o.feedback = feedback;
            o.status = Status.CLOSED;
        } else if (category != null) {
            o.register(category, null, false, null);
        }
        o.lastStep = new Step("IMPORT", null, o.status, null, note);
        return o;
    }

    // ---- the 12345 centre

    /** The category group and place triage proposed at intake, kept to record the registration's confirmation. */
    public void suggested(String group, String division) {
        suggestedGroup = group;
        suggestedDivision = division;
    }

    public Step register(Category category, Urgency urgency, boolean majorHazard, String note) {
        return register(category, urgency, majorHazard, null, note);
    }

    /** Registers with a category and, where the dispatcher sets or corrects it, the place. */
    public Step register(Category category, Urgency urgency, boolean majorHazard, String placeCode, String note) {
        require("REGISTER", Status.RECEIVED);
        categoryCode = category.code();
        if (placeCode != null) divisionCode = placeCode;
        if (urgency != null) this.urgency = urgency;
        this.majorHazard = this.majorHazard || majorHazard || category.majorHazard();
        if (this.majorHazard) this.urgency = Urgency.EMERGENCY;
        return move("REGISTER", Status.REGISTERED, null, note);
    }

    /** 直接办结: a consultation answered on the spot, closed at intake but counted like every other order. */
    public Step closeAtIntake(String answer, Instant now) {
        require("CLOSE_AT_INTAKE", Status.RECEIVED, Status.REGISTERED);
        closedAtIntake = true;
        feedback = answer;
        resolved = true;
        closedAt = now;
        return move("CLOSE_AT_INTAKE", Status.CLOSED, null, answer);
    }

    public Step dispatch(long lead, Set<Long> assist, Instant signDue, Instant handleDue, Instant now, String note) {
        require("DISPATCH", Status.REGISTERED);
        leadUnitId = lead;
        assisting = assist.stream().filter(u -> u != lead).map(Assist::new).collect(Collectors.toCollection(HashSet::new));
        dispatchedAt = now;
        signDueAt = signDue;
        handleDueAt = handleDue;
        return move("DISPATCH", Status.DISPATCHED, lead, note);
    }

    /** The dispatcher's decision on a return 退单: accepted → sent to another unit (改派); rejected → back to the unit. */
    public Step acceptReturn(long newLead, Set<Long> assist, Instant signDue, Instant handleDue, Instant now, String note) {
        require("ACCEPT_RETURN", Status.RETURN_REQUESTED);
        if (leadUnitId != null && leadUnitId == newLead) {
            throw DomainException.badRequest("改派须选择其他单位 / re-dispatch needs a different lead unit");
        }
        returnCount++;
        pendingReturnReason = null;
        signedAt = null;
        status = Status.REGISTERED;
        Step step = dispatch(newLead, assist, signDue, handleDue, now, note);
        return lastStep = new Step("REDISPATCH", Status.RETURN_REQUESTED, Status.DISPATCHED, newLead, step.note());
    }

    public Step rejectReturn(String note) {
        require("REJECT_RETURN", Status.RETURN_REQUESTED);
        pendingReturnReason = null;
        return move("REJECT_RETURN", signedAt == null ? Status.DISPATCHED : Status.SIGNED, leadUnitId, note);
    }

    public Step decideExtension(boolean approve, String note) {
        if (pendingExtensionUntil == null) throw illegal("DECIDE_EXTENSION");
        require("DECIDE_EXTENSION", Status.SIGNED, Status.IN_PROGRESS);
        if (approve) handleDueAt = pendingExtensionUntil;
        pendingExtensionUntil = null;
        pendingExtensionReason = null;
        return stay(approve ? "APPROVE_EXTENSION" : "REJECT_EXTENSION", note);
    }

    public Step decideSuspension(boolean approve, Instant now, String note) {
        if (pendingSuspensionReason == null) throw illegal("DECIDE_SUSPENSION");
        require("DECIDE_SUSPENSION", Status.SIGNED, Status.IN_PROGRESS);
        pendingSuspensionReason = null;
        if (!approve) return stay("REJECT_SUSPENSION", note);
        suspendedAt = now;
        return move("SUSPEND", Status.SUSPENDED, leadUnitId, note);
    }

    /** Resuming moves the handling deadline on by the time spent suspended. */
    public Step resume(Instant now, String note) {
        require("RESUME", Status.SUSPENDED);
        if (handleDueAt != null) handleDueAt = handleDueAt.plus(Duration.between(suspendedAt, now));
        suspendedAt = null;
        return move("RESUME", Status.IN_PROGRESS, leadUnitId, note);
    }

    public Step mergeInto(WorkOrder master, String note) {
        require("MERGE", Status.RECEIVED, Status.REGISTERED, Status.DISPATCHED);
        if (master.id.equals(id) || !master.status.isOpen() || master.mergedIntoId != null) {
            throw DomainException.conflict("只能并入另一张未办结的工单 / an order can only be merged into another open order");
        }
        mergedIntoId = master.id;
        return move("MERGE", Status.MERGED, null, "→ " + master.number + (note == null ? "" : " " + note));
    }

    public Step invalidate(String reason, Instant now) {
        require("INVALIDATE", Status.RECEIVED, Status.REGISTERED);
        closedAt = now;
        return move("INVALIDATE", Status.INVALID, null, reason);
    }

    // ---- the lead unit

    public Step sign(Instant now) {
        require("SIGN", Status.DISPATCHED);
        signedAt = now;
        return move("SIGN", Status.SIGNED, leadUnitId, signDueAt != null && now.isAfter(signDueAt) ? "overdue" : null);
    }

    public Step start(String note) {
        require("START", Status.SIGNED);
        return move("START", Status.IN_PROGRESS, leadUnitId, note);
    }

    public Step handle(String result, Instant now) {
        require("HANDLE", Status.SIGNED, Status.IN_PROGRESS);
        feedback = result;
        handledAt = now;
        // once handled, more time or a pause is moot: a request still pending lapses (and can no longer move the deadline)
        pendingExtensionUntil = null;
        pendingExtensionReason = null;
        pendingSuspensionReason = null;
        return move("HANDLE", Status.HANDLED, leadUnitId, result);
    }

    public Step requestReturn(String reason) {
        require("REQUEST_RETURN", Status.DISPATCHED, Status.SIGNED);
        pendingReturnReason = reason;
        return move("REQUEST_RETURN", Status.RETURN_REQUESTED, leadUnitId, reason);
    }

    public Step requestExtension(Instant until, String reason) {
        require("REQUEST_EXTENSION", Status.SIGNED, Status.IN_PROGRESS);
        if (pendingExtensionUntil != null) throw DomainException.conflict("已有待审批的延期申请 / an extension request is already pending");
        if (handleDueAt != null && !until.isAfter(handleDueAt)) {
            throw DomainException.badRequest("延期后的时限须晚于当前时限 / the new deadline must be later than the current one");
        }
        pendingExtensionUntil = until;
        pendingExtensionReason = reason;
        return stay("REQUEST_EXTENSION", reason + " → " + NOTE_TIME.format(until));
    }

    public Step requestSuspension(String reason) {
        require("REQUEST_SUSPENSION", Status.SIGNED, Status.IN_PROGRESS);
        if (pendingSuspensionReason != null) throw DomainException.conflict("已有待审批的挂账申请 / a suspension request is already pending");
        pendingSuspensionReason = reason;
        return stay("REQUEST_SUSPENSION", reason);
    }

    /** 吹哨: departments summoned by the street or community join the order as assisting units. */
    public Step summon(Set<Long> departments, String reason) {
        require("WHISTLE", Status.DISPATCHED, Status.SIGNED, Status.IN_PROGRESS);
        departments.stream().filter(u -> !u.equals(leadUnitId)).forEach(u -> assisting.add(new Assist(u)));
        return stay("WHISTLE", reason);
    }

    // ---- verification, follow-up, closing

    /** On-site verification 核查: failing sends the order back to the unit and counts as rework 返工. */
    public Step verify(boolean passed, String note) {
        require("VERIFY", Status.HANDLED);
        if (passed) return move("VERIFY", Status.VERIFIED, leadUnitId, note);
        reworkCount++;
        handledAt = null;
        return move("VERIFY_FAILED", Status.IN_PROGRESS, leadUnitId, note);
    }

    /** 回访: resolved orders close; unresolved ones wait for the dispatcher to close or reopen them. */
    public Step followUp(boolean resolved, Satisfaction satisfaction, boolean verificationNeeded, Instant now, String note) {
        if (verificationNeeded) require("FOLLOW_UP", Status.VERIFIED);
        else require("FOLLOW_UP", Status.HANDLED, Status.VERIFIED);
        this.resolved = resolved;
        this.satisfaction = satisfaction;
        if (resolved) {
            closedAt = now;
            return move("FOLLOW_UP", Status.CLOSED, null, satisfaction + (note == null ? "" : " " + note));
        }
        return move("FOLLOW_UP", Status.FOLLOWED_UP, null, satisfaction + (note == null ? "" : " " + note));
    }

    public Step close(Instant now, String note) {
        require("CLOSE", Status.FOLLOWED_UP);
        closedAt = now;
        return move("CLOSE", Status.CLOSED, null, note);
    }

    /** An unresolved order goes back to its unit to be handled again (rework). */
    public Step reopen(String note) {
        require("REOPEN", Status.FOLLOWED_UP);
        reworkCount++;
        handledAt = null;
        resolved = null;
        satisfaction = null;
        return move("REOPEN", Status.IN_PROGRESS, leadUnitId, note);
    }

    // ----

    private void require(String action, Status... allowed) {
        if (!EnumSet.copyOf(java.util.List.of(allowed)).contains(status)) throw illegal(action);
    }

    private DomainException illegal(String action) {
        return refused(number, status, action);
    }

    /** A refusal that names the status and the action in words, in both languages (keys {@code order.refused.*}). */
    static DomainException refused(String number, Status status, String action) {
        String statusKey = "order.status." + status, actionKey = "order.refused." + action;
        return DomainException.conflict("工单 " + number + " 当前" + Words.chinese(statusKey) + "，不能" + Words.chinese(actionKey)
                + " / order " + number + " (status: " + Words.english(statusKey) + "): " + Words.english(actionKey)
                + " is not possible now");
    }

    /** Times written into notes, which people read: China time to the minute. */
    private static final java.time.format.DateTimeFormatter NOTE_TIME = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm").withZone(TimeLimit.CHINA);

    static String noteTime(java.time.Instant at) {
        return NOTE_TIME.format(at);
    }

    private Step move(String action, Status to, Long unit, String note) {
        Step step = new Step(action, status, to, unit, note);
        status = to;
        schedule();
        return lastStep = step;
    }

    private Step stay(String action, String note) {
        schedule();
        return lastStep = new Step(action, status, status, leadUnitId, note);
    }

    /** Minutes after dispatch within which an unsigned major hazard is escalated to leaders. */
    public static final Duration ESCALATE_AFTER = Duration.ofMinutes(10);

    /**
     * Warnings fall at 80% of each limit; the deadline watch looks at the order at its earliest pending time
     * (it skips what it already raised, so an early or stale check is harmless).
     */
    private void schedule() {
        signWarnAt = dispatchedAt == null || signDueAt == null ? null : at80(dispatchedAt, signDueAt);
        handleWarnAt = dispatchedAt == null || handleDueAt == null ? null : at80(dispatchedAt, handleDueAt);
        Instant next = null;
        if (status == Status.DISPATCHED) {
            next = min(min(next, signWarnAt), signDueAt);
            if (majorHazard) next = min(next, dispatchedAt.plus(ESCALATE_AFTER));
        }
        boolean handling = EnumSet.of(Status.DISPATCHED, Status.SIGNED, Status.IN_PROGRESS, Status.RETURN_REQUESTED).contains(status);
        if (handling && handledAt == null) next = min(min(next, handleWarnAt), handleDueAt);
        nextCheckAt = next;
    }

    private static Instant at80(Instant from, Instant due) {
        return from.plusMillis(Duration.between(from, due).toMillis() * 8 / 10);
    }

    private static Instant min(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    public boolean isOverdue(Instant now) {
        return status.isOpen() && status != Status.SUSPENDED && handleDueAt != null && handledAt == null && now.isAfter(handleDueAt);
    }

    public Set<Long> assistingUnitIds() {
        return assisting.stream().map(Assist::unitId).collect(Collectors.toUnmodifiableSet());
    }

    public Step lastStep() {
        return lastStep;
    }

    /**
     * Takes the id and number of the row {@link OrderAccess} inserted for this new order (version 0, as the repository
     * would); the insert draws the number from the sequence itself.
     */
    void inserted(long id, String number) {
        this.id = id;
        this.number = number;
        this.version = 0;
    }

    /** Numbers an order that is saved the generic way (see {@link OrderAccess#saveReceived}). */
    void numbered(String number) {
        this.number = number;
    }

    public Long getId() { return id; }
    public Integer getVersion() { return version; }
    public String getNumber() { return number; }
    public Channel getChannel() { return channel; }
    public Status getStatus() { return status; }
    public String getTitle() { return title; }
    public String getText() { return text; }
    public String getCategoryCode() { return categoryCode; }
    public Urgency getUrgency() { return urgency; }
    public boolean isMajorHazard() { return majorHazard; }
    public String getRequesterName() { return requesterName; }
    public String getRequesterPhone() { return requesterPhone; }
    public Long getRequesterAccountId() { return requesterAccountId; }
    public boolean isConfidential() { return confidential; }
    public Double getLat() { return lat; }
    public Double getLng() { return lng; }
    public String getAddress() { return address; }
    public String getDivisionCode() { return divisionCode; }
    public Long getLeadUnitId() { return leadUnitId; }
    public Instant getReceivedAt() { return receivedAt; }
    public Instant getDispatchedAt() { return dispatchedAt; }
    public Instant getSignDueAt() { return signDueAt; }
    public Instant getHandleDueAt() { return handleDueAt; }
    public Instant getSignedAt() { return signedAt; }
    public Instant getHandledAt() { return handledAt; }
    public Instant getClosedAt() { return closedAt; }
    public boolean isClosedAtIntake() { return closedAtIntake; }
    public int getReworkCount() { return reworkCount; }
    public int getReturnCount() { return returnCount; }
    public String getPendingReturnReason() { return pendingReturnReason; }
    public Instant getPendingExtensionUntil() { return pendingExtensionUntil; }
    public String getPendingExtensionReason() { return pendingExtensionReason; }
    public String getPendingSuspensionReason() { return pendingSuspensionReason; }
    public Long getMergedIntoId() { return mergedIntoId; }
    public String getFeedback() { return feedback; }
    public Boolean getResolved() { return resolved; }
    public Satisfaction getSatisfaction() { return satisfaction; }
    public String getIdempotencyKey() { return idempotencyKey; }
    public String getCreatedBy() { return createdBy; }
    public Instant getSignWarnAt() { return signWarnAt; }
    public Instant getHandleWarnAt() { return handleWarnAt; }
    public Instant getNextCheckAt() { return nextCheckAt; }
    public String getSuggestedGroup() { return suggestedGroup; }
    public String getSuggestedDivision() { return suggestedDivision; }
    public String getExternalNumber() { return externalNumber; }
}
