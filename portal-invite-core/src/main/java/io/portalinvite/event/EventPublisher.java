package io.portalinvite.event;

import io.portalinvite.tx.TransactionRunner;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands events to the host's listeners once the current transaction has committed, and to its
 * in-transaction listeners at once, isolating the library from listener failures.
 */
public final class EventPublisher {

    private static final Logger log = LoggerFactory.getLogger(EventPublisher.class);

    private final List<PortalEventListener> listeners;
    private final List<PortalEventListener> inTransaction;
    private final TransactionRunner tx;

    /**
     * Creates a publisher.
     *
     * @param listeners the host's listeners, called in order
     * @param tx the transaction runner whose commit releases the events
     */
    public EventPublisher(List<PortalEventListener> listeners, TransactionRunner tx) {
        this(listeners, List.of(), tx);
    }

    /**
     * Creates a publisher with listeners that are also told inside the transaction.
     *
     * @param listeners the host's listeners, called in order after commit
     * @param inTransaction listeners called at once, inside the transaction that raises the event
     * @param tx the transaction runner whose commit releases the events
     */
    public EventPublisher(
            List<PortalEventListener> listeners, List<PortalEventListener> inTransaction, TransactionRunner tx) {
        this.listeners = List.copyOf(listeners);
        this.inTransaction = List.copyOf(inTransaction);
        this.tx = tx;
    }

    /**
     * Publishes an event after the current transaction commits (at once outside a transaction).
     *
     * @param event the event
     */
    public void publishAfterCommit(PortalEvent event) {
        tell(inTransaction, event);
        if (listeners.isEmpty()) {
            return;
        }
        tx.afterCommit(() -> tell(listeners, event));
    }

    private static void tell(List<PortalEventListener> targets, PortalEvent event) {
        for (PortalEventListener listener : targets) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                log.warn(
                        "portal event listener {} failed on {}",
                        listener.getClass().getName(),
                        event.getClass().getSimpleName(),
                        e);
            }
        }
    }
}
