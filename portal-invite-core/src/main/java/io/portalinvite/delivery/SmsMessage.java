package io.portalinvite.delivery;

import io.portalinvite.party.PhoneNumber;
import java.util.Objects;

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
