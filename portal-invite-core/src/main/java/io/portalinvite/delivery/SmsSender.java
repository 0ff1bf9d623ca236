package io.portalinvite.delivery;

import io.portalinvite.party.PhoneNumber;
import java.util.Objects;

/**
 * Sends an SMS. Implementations: a provider adapter, test doubles, or the host's own gateway.
 *
 * <p>Called by the {@link OutboxDispatcher} outside any transaction, at least once per message.
 */
@FunctionalInterface
public interface SmsSender extends SenderBatchHook {

    /**
     * Sends one SMS.
     *
     * @param message the message
     * @throws DeliveryException when it was not sent; {@link DeliveryException#permanent()} says
     *     whether trying again can help. Any other runtime exception counts as retryable.
     */
    void send(SmsMessage message);

    /**
     * A composed SMS notice, ready for an {@link SmsSender}. It never carries a link or a code.
     *
     * @param reference a stable id of the outbound message, for the provider's idempotency key
     * @param to the recipient's mobile
     * @param body the notice text
     */
    public record SmsMessage(String reference, PhoneNumber to, String body) {

        /** Checks presence. */
        public SmsMessage {
            Objects.requireNonNull(reference, "reference");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(body, "body");
        }
    }
}
