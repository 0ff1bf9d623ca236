package io.portalinvite.delivery;

/**
 * Sends an email. Implementations: the SMTP sender (Jakarta Mail), test doubles, or the host's own
 * mail gateway.
 *
 * <p>Called by the {@link OutboxDispatcher} outside any transaction. It may be called more than once
 * for the same message (at-least-once delivery); the stable Message-ID lets the far side recognise
 * a duplicate.
 */
@FunctionalInterface
public interface EmailSender extends MessageSender {

    /**
     * Sends one message.
     *
     * @param message the message
     * @throws DeliveryException when it was not sent; {@link DeliveryException#permanent()} says
     *     whether trying again can help. Any other runtime exception counts as retryable.
     */
    void send(EmailMessage message);
}
