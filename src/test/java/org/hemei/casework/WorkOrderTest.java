package org.hemei.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.hemei.shared.DomainException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** The work order's state machine: every transition, and every refusal leaving the order unchanged. */
class WorkOrderTest {

    static final Instant T0 = Instant.parse("2026-11-25T02:00:00Z");
    static final Category SANITATION = new Category("SANITATION", "环境卫生", "Sanitation", "环境保护", Category.Kind.GENERAL,
            TimeLimit.parse("1wd"), TimeLimit.parse("7wd"), "STREET", List.of("COMMUNITY"), true, List.of(), List.of());
    static final Category HAZARD = new Category("HAZARD", "重大安全隐患", "Hazard", "城乡建设", Category.Kind.EMERGENCY,
            TimeLimit.parse("15m"), TimeLimit.parse("2h"), "YINGJI", List.of(), true, List.of("YINGJI", "GONGAN"), List.of());

    static WorkOrder received() {
        return WorkOrder.receive("12345-20261125-000001", Channel.HOTLINE, new Intake.Demand("t", "垃圾没人清运", null, null, null,
                "张三", "13812341234", false, null, null, null, null, null, null, null), "430102001001", null, "dispatcher", T0);
    }

    static WorkOrder dispatched() {
        WorkOrder o = received();
        o.register(SANITATION, null, false, null);
        o.dispatch(7L, Set.of(8L, 7L), T0.plusSeconds(3600), T0.plus(Duration.ofDays(9)), T0, null);
        return o;
    }

    static void refused(WorkOrder o, Runnable action) {
        Status before = o.getStatus();
        assertThatThrownBy(action::run).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT));
        assertThat(o.getStatus()).isEqualTo(before);
    }

    @Test
    void theWholeWayFromReceiptToClosing() {
        WorkOrder o = dispatched();
        assertThat(o.getLeadUnitId()).isEqualTo(7L);
        assertThat(o.assistingUnitIds()).containsExactly(8L); // the lead never assists itself
        assertThat(o.sign(T0.plusSeconds(60)).to()).isEqualTo(Status.SIGNED);
        assertThat(o.start(null).to()).isEqualTo(Status.IN_PROGRESS);
        assertThat(o.handle("已清运", T0.plusSeconds(7200)).to()).isEqualTo(Status.HANDLED);
        assertThat(o.verify(true, null).to()).isEqualTo(Status.VERIFIED);
        WorkOrder.Step last = o.followUp(true, Satisfaction.SATISFIED, true, T0.plusSeconds(9000), null);
        assertThat(last.from()).isEqualTo(Status.VERIFIED);
        assertThat(o.getStatus()).isEqualTo(Status.CLOSED);
        assertThat(o.getClosedAt()).isEqualTo(T0.plusSeconds(9000));
    }

    @Test
    void illegalTransitionsAreRefusedAndChangeNothing() {
        WorkOrder o = received();
        refused(o, () -> o.sign(T0));
        refused(o, () -> o.handle("x", T0));
        refused(o, () -> o.dispatch(1L, Set.of(), T0, T0, T0, null));
        WorkOrder d = dispatched();
        refused(d, () -> d.handle("x", T0)); // must sign first
        refused(d, () -> d.verify(true, null));
        refused(d, () -> d.close(T0, null));
        refused(d, () -> d.followUp(true, Satisfaction.SATISFIED, false, T0, null));
    }

    @Test
    void aRefusalNamesTheStatusAndTheActionInWordsInBothLanguages() {
        WorkOrder o = received();
        assertThatThrownBy(() -> o.sign(T0)).hasMessage("工单 12345-20261125-000001 当前已接收，不能签收"
                + " / order 12345-20261125-000001 (status: Received): signing it is not possible now");
    }

    @Test
    void everyActionTheStateMachineCanRefuseHasItsWords() throws java.io.IOException {
        String source = java.nio.file.Files.readString(java.nio.file.Path.of("src/main/java/org/hemei/casework/WorkOrder.java"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:require|illegal)\\(\"([A-Z_]+)\"").matcher(source);
        Set<String> actions = new java.util.TreeSet<>();
        while (m.find()) actions.add(m.group(1));
        assertThat(actions).hasSizeGreaterThan(15).allSatisfy(action -> {
            String key = "order.refused." + action;
            assertThat(org.hemei.shared.Words.chinese(key)).as(key).isNotEqualTo(key);
            assertThat(org.hemei.shared.Words.english(key)).as(key).isNotEqualTo(key);
        });
    }

    @Test
    void verificationIsRequiredWhereTheCategorySaysSoAndFailingItIsRework() {
        WorkOrder o = dispatched();
        o.sign(T0);
        o.handle("done", T0);
        refused(o, () -> o.followUp(true, Satisfaction.SATISFIED, true, T0, null));
        assertThat(o.verify(false, "没扫干净").to()).isEqualTo(Status.IN_PROGRESS);
        assertThat(o.getReworkCount()).isEqualTo(1);
        assertThat(o.getHandledAt()).isNull();
    }

    @Test
    void anUnresolvedFollowUpWaitsForTheCentreToCloseOrReopen() {
        WorkOrder o = dispatched();
        o.sign(T0);
        o.handle("done", T0);
        o.verify(true, null);
        assertThat(o.followUp(false, Satisfaction.DISSATISFIED, true, T0, null).to()).isEqualTo(Status.FOLLOWED_UP);
        assertThat(o.reopen("再处理").to()).isEqualTo(Status.IN_PROGRESS);
        assertThat(o.getReworkCount()).isEqualTo(1);
    }

    @Test
    void aReturnIsReviewedAcceptedMeansAnotherUnitRejectedMeansBackToTheUnit() {
        WorkOrder o = dispatched();
        o.requestReturn("不属于本单位职责");
        assertThat(o.getStatus()).isEqualTo(Status.RETURN_REQUESTED);
        o.rejectReturn("属于你单位");
        assertThat(o.getStatus()).isEqualTo(Status.DISPATCHED);
        o.sign(T0);
        o.requestReturn("确实不属于");
        assertThatThrownBy(() -> o.acceptReturn(7L, Set.of(), T0, T0, T0, null)).isInstanceOf(DomainException.class);
        WorkOrder.Step step = o.acceptReturn(9L, Set.of(), T0, T0.plusSeconds(99), T0, "改派");
        assertThat(step.action()).isEqualTo("REDISPATCH");
        assertThat(o.getStatus()).isEqualTo(Status.DISPATCHED);
        assertThat(o.getLeadUnitId()).isEqualTo(9L);
        assertThat(o.getReturnCount()).isEqualTo(1);
        assertThat(o.getSignedAt()).isNull();
    }

    @Test
    void extensionMovesTheDeadlineOnlyWhenApproved() {
        WorkOrder o = dispatched();
        o.sign(T0);
        Instant due = o.getHandleDueAt();
        assertThatThrownBy(() -> o.requestExtension(due.minusSeconds(1), "x")).isInstanceOf(DomainException.class);
        o.requestExtension(due.plus(Duration.ofDays(3)), "需要协调");
        refused(o, () -> o.requestExtension(due.plus(Duration.ofDays(4)), "again"));
        o.decideExtension(false, null);
        assertThat(o.getHandleDueAt()).isEqualTo(due);
        o.requestExtension(due.plus(Duration.ofDays(3)), "需要协调");
        o.decideExtension(true, null);
        assertThat(o.getHandleDueAt()).isEqualTo(due.plus(Duration.ofDays(3)));
    }

    @Test
    void aRequestStillPendingWhenTheOrderIsHandledLapsesAndCannotMoveTheDeadline() {
        WorkOrder o = dispatched();
        o.sign(T0);
        Instant due = o.getHandleDueAt();
        WorkOrder.Step asked = o.requestExtension(Instant.parse("2026-12-21T10:00:00Z"), "需要协调");
        assertThat(asked.note()).isEqualTo("需要协调 → 2026-12-21 18:00"); // China time, as people read it
        o.requestSuspension("等待判决");
        o.handle("已处理", T0.plusSeconds(60));
        assertThat(o.getPendingExtensionUntil()).isNull();
        assertThat(o.getPendingSuspensionReason()).isNull();
        refused(o, () -> o.decideExtension(true, null));
        refused(o, () -> o.decideSuspension(true, T0, null));
        assertThat(o.getHandleDueAt()).isEqualTo(due);
    }

    @Test
    void suspensionStopsTheClockUntilResumed() {
        WorkOrder o = dispatched();
        o.sign(T0);
        Instant due = o.getHandleDueAt();
        o.requestSuspension("等待法院判决");
        o.decideSuspension(true, T0, null);
        assertThat(o.getStatus()).isEqualTo(Status.SUSPENDED);
        assertThat(o.isOverdue(due.plus(Duration.ofDays(30)))).isFalse();
        o.resume(T0.plus(Duration.ofDays(10)), null);
        assertThat(o.getHandleDueAt()).isEqualTo(due.plus(Duration.ofDays(10)));
        assertThat(o.getStatus()).isEqualTo(Status.IN_PROGRESS);
    }

    @Test
    void consultationsAnsweredOnTheLineCloseAtIntake() {
        WorkOrder o = received();
        o.closeAtIntake("已解答政策", T0);
        assertThat(o.getStatus()).isEqualTo(Status.CLOSED);
        assertThat(o.isClosedAtIntake()).isTrue();
        assertThat(o.getResolved()).isTrue();
    }

    @Test
    void majorHazardsBecomeEmergencies() {
        WorkOrder o = received();
        o.register(HAZARD, Urgency.NORMAL, false, null);
        assertThat(o.isMajorHazard()).isTrue();
        assertThat(o.getUrgency()).isEqualTo(Urgency.EMERGENCY);
    }

    @Test
    void invalidAndMergedOrdersAreNoLongerOpen() {
        WorkOrder o = received();
        o.invalidate("骚扰电话", T0);
        assertThat(o.getStatus().isOpen()).isFalse();
        refused(o, () -> o.register(SANITATION, null, false, null));
    }

    @Test
    void overdueMeansPastTheHandlingDeadlineAndNotYetHandled() {
        WorkOrder o = dispatched();
        assertThat(o.isOverdue(o.getHandleDueAt().minusSeconds(1))).isFalse();
        assertThat(o.isOverdue(o.getHandleDueAt().plusSeconds(1))).isTrue();
        o.sign(T0);
        o.handle("done", T0);
        assertThat(o.isOverdue(o.getHandleDueAt().plusSeconds(1))).isFalse();
    }
}
