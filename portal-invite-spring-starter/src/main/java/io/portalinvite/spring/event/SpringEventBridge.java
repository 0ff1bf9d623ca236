package io.portalinvite.spring.event;

import io.portalinvite.event.PortalEvent;
import io.portalinvite.event.PortalEventListener;
import io.portalinvite.tx.TransactionRunner;
import java.util.Objects;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.util.ClassUtils;

/**
 * Publishes every {@link PortalEvent} to the application context, where it arrives as the payload
 * of a {@code PayloadApplicationEvent}: a listener method takes the event type itself, such as
 * {@code @TransactionalEventListener void on(PortalEvent.InvitationCreated created)}.
 *
 * <p>Registered as an in-transaction listener: when the change runs in a Spring-managed transaction
 * (the JDBC stores joined to the host's transactions), the event is published while that
 * transaction is still open, so Spring ties {@code @TransactionalEventListener} methods to it —
 * {@code AFTER_COMMIT}, the default, runs only once it commits, and never for work that rolls back.
 * A plain {@code @EventListener} is called at once, inside the transaction. When no Spring
 * transaction is active (in-memory stores, the library's own JDBC transactions), the event is
 * published after the library's own commit.
 */
public final class SpringEventBridge implements PortalEventListener {

    private static final boolean SPRING_TX_PRESENT = ClassUtils.isPresent(
            "org.springframework.transaction.support.TransactionSynchronizationManager",
            SpringEventBridge.class.getClassLoader());

    private final ApplicationEventPublisher publisher;
    private final TransactionRunner transactions;

    /**
     * Creates the bridge.
     *
     * @param publisher where to publish, normally the application context
     * @param transactions the library's transactions, to publish after their commit when Spring has none open
     */
    public SpringEventBridge(ApplicationEventPublisher publisher, TransactionRunner transactions) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    /**
     * Publishes the event now inside a Spring transaction, otherwise after the library's commit.
     *
     * @param event what happened
     */
    @Override
    public void onEvent(PortalEvent event) {
        if (SPRING_TX_PRESENT && SpringTransactions.synchronizationActive()) {
            publisher.publishEvent(event);
        } else {
            transactions.afterCommit(() -> publisher.publishEvent(event));
        }
    }

    /** Touches spring-tx only when it is on the class path. */
    private static final class SpringTransactions {
        static boolean synchronizationActive() {
            return org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive();
        }
    }
}
