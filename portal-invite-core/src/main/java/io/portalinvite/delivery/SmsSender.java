package io.portalinvite.delivery;

/**
 * Sends an SMS. Implementations: a provider adapter, test doubles, or the host's own gateway.
 *
 * <p>Called by the {@link OutboxDispatcher} outside any transaction, at least once per message.
 */
@FunctionalInterface
public interface SmsSender {

    /**
     * Sends one SMS.
     *
     * @param message the message
     * @throws DeliveryException when it was not sent; {@link DeliveryException#permanent()} says
     *     whether trying again can help. Any other runtime exception counts as retryable.
     */
    void send(SmsMessage message);

    /**
     * Tells the sender that the dispatcher finished a batch on this thread. A sender that keeps a
     * connection open across the messages of a batch (one SMTP session for many emails) closes it
     * here; others ignore it.
     */
    default void batchFinished() {
    }
}
