package org.hemei.casework;

import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Triage's proposal (category group, place) for orders received without it, computed after the order is committed on
 * one background thread instead of inside the intake request: the resident, the courier and the Open311 client do not
 * see it in their answer, and the classification was a quarter of the intake's CPU. The proposal is stored with the
 * order within a moment; registration computes it itself if it is not there yet ({@link Suggestions#ensure}), so a
 * full queue (a burst) or a restart only means the proposal is made later, never that an order is lost or wrong.
 * Rows are updated in JDBC batches (one round trip and one commit per batch) and only while the
 * order is still RECEIVED and has no proposal: once registered, the proposal no longer matters. The version is not
 * raised, so a dispatcher who has the order open is not refused for a change they cannot see.
 * <p>
 * The worker triages at most {@code hemei.casework.suggestions-per-second} orders a second (default 100, far above a
 * hotline centre's peak): under a burst of intake (the 1,000 orders/s benchmark) it must not take the CPU the intake
 * needs, and what it cannot reach is proposed at registration, at a person's pace.
 */
@Component
class IntakeSuggestions {

    private static final Logger log = LoggerFactory.getLogger(IntakeSuggestions.class);
    private static final int BATCH = 200;

    private record Pending(long orderId, String title, String text) {
    }

    private final Suggestions suggestions;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final BlockingQueue<Pending> queue;
    private final long nanosPerOrder;
    private final Thread worker;

    IntakeSuggestions(Suggestions suggestions, JdbcTemplate jdbc, TransactionTemplate tx,
            @Value("${hemei.casework.suggestion-queue:20000}") int capacity,
            @Value("${hemei.casework.suggestions-per-second:100}") int perSecond) {
        this.nanosPerOrder = 1_000_000_000L / Math.max(1, perSecond);
        this.suggestions = suggestions;
        this.jdbc = jdbc;
        this.tx = tx;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.worker = new Thread(this::work, "intake-suggestions");
        worker.setDaemon(true);
        worker.start();
    }

    /** Queues the order for triage once the surrounding transaction (if any) has committed. */
    void afterCommit(WorkOrder order) {
        Pending p = new Pending(order.getId(), order.getTitle(), order.getText());
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    enqueue(p);
                }
            });
        } else {
            enqueue(p);
        }
    }

    private void enqueue(Pending p) {
        // Full: dropped on purpose — registration proposes it then (Suggestions.ensure).
        if (!queue.offer(p)) log.debug("suggestion queue full; order {} is triaged at registration", p.orderId());
    }

    private void work() {
        List<Pending> batch = new ArrayList<>(BATCH);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Pending first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) continue;
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                long started = System.nanoTime();
                store(batch);
                // Keep to the rate: rest for the rest of this batch's share of time.
                long rest = batch.size() * nanosPerOrder - (System.nanoTime() - started);
                if (rest > 0) TimeUnit.NANOSECONDS.sleep(rest);
            } catch (InterruptedException stop) {
                return;
            } catch (RuntimeException e) {
                // A database hiccup must not end the thread; these orders are triaged at registration.
                log.warn("storing {} intake suggestions failed: {}", batch.size(), e.toString());
            } finally {
                batch.clear();
            }
        }
    }

    private void store(List<Pending> batch) {
        List<Object[]> rows = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            Suggestions.Suggestion s = suggestions.suggest(p.title(), p.text());
            String place = s.place() == null ? null : s.place().code();
            if (s.group() != null || place != null) rows.add(new Object[] { s.group(), place, p.orderId() });
        }
        if (rows.isEmpty()) return;
        tx.executeWithoutResult(t -> jdbc.batchUpdate("update work_order set suggested_group = ?, suggested_division = ?"
                + " where id = ? and status = 'RECEIVED' and suggested_group is null and suggested_division is null", rows));
    }

    @PreDestroy
    void stop() {
        worker.interrupt();
    }
}
