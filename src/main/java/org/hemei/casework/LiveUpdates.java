package org.hemei.casework;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hemei.identity.Actor;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events for live boards: after an order change commits, every open board or inbox that may see
 * the order gets an {@code order} event (number and status only) and refreshes itself.
 *
 * <p>A stream stays open for half an hour, and the server's graceful shutdown waits for open requests: so when the
 * server stops, the streams end first (this lifecycle's phase stops before the web server's), and a deploy does
 * not wait out every open board. Browsers reconnect by themselves.
 */
@Component
public class LiveUpdates implements SmartLifecycle {

    private final Map<SseEmitter, Actor> listeners = new ConcurrentHashMap<>();
    private volatile boolean running;

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

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        listeners.keySet().forEach(SseEmitter::complete);
        listeners.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    int listenerCount() {
        return listeners.size();
    }
}
