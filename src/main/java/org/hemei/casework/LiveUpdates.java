package org.hemei.casework;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hemei.identity.Actor;
import org.springframework.stereotype.Component;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events for live boards: after an order change commits, every open board or inbox that may see
 * the order gets an {@code order} event (number and status only) and refreshes itself.
 */
@Component
public class LiveUpdates {

    private final Map<SseEmitter, Actor> listeners = new ConcurrentHashMap<>();

    public SseEmitter subscribe() {
        SseEmitter emitter = new SseEmitter(Duration.ofMinutes(30).toMillis());
        listeners.put(emitter, Actor.current());
        emitter.onCompletion(() -> listeners.remove(emitter));
        emitter.onTimeout(() -> listeners.remove(emitter));
        emitter.onError(e -> listeners.remove(emitter));
        return emitter;
    }

    /**
     * A plain listener deferring to after-commit by hand: as a transactional listener the event would go through
     * Spring Modulith's durable publication registry, which a best-effort screen refresh does not need.
     */
    @EventListener
    void changed(OrderChanged event) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    broadcast(event.order());
                }
            });
        } else {
            broadcast(event.order());
        }
    }

    private void broadcast(WorkOrder o) {
        String data = "{\"id\":" + o.getId() + ",\"number\":\"" + o.getNumber() + "\",\"status\":\"" + o.getStatus() + "\"}";
        listeners.forEach((emitter, actor) -> {
            if (!OrderAccess.canSee(actor, o)) return;
            try {
                emitter.send(SseEmitter.event().name("order").data(data));
            } catch (IOException | IllegalStateException gone) {
                listeners.remove(emitter);
            }
        });
    }

    int listenerCount() {
        return listeners.size();
    }
}
