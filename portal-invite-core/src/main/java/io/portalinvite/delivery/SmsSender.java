package io.portalinvite.delivery;

/**
 * Sends an SMS. Implementations: a provider adapter, test doubles, or the host's own gateway.
 *
 * <p>Called by the {@link OutboxDispatcher} outside any transaction, at least once per message.
 */
@FunctionalInterface
public interface SmsSender extends MessageSender {

    /**
     * Sends one SMS.
     *
     * @param message the message
     * @throws DeliveryException when it was not sent; {@link DeliveryException#permanent()} says
     *     whether trying again can help. Any other runtime exception counts as retryable.
     */
    void send(SmsMessage message);
}
