package io.portalinvite.spring.boot.autoconfigure;

import io.portalinvite.delivery.DeliveryException;
import io.portalinvite.delivery.EmailSender;
import io.portalinvite.delivery.EmailSender.EmailMessage;

/**
 * Stands in when neither an {@link EmailSender} bean nor an SMTP host is configured: every send fails
 * with a retryable error, so queued invitations wait in the outbox (and end as delivery failures staff
 * can see) instead of being dropped silently.
 */
final class UnconfiguredEmailSender implements EmailSender {

    static final String MESSAGE = "no email sender is configured: set portal.invite.email.smtp.host "
            + "(or spring.mail.host), or define an EmailSender bean";

    @Override
    public void send(EmailMessage message) {
        throw new DeliveryException(MESSAGE, false);
    }

    @Override
    public String toString() {
        return "UnconfiguredEmailSender";
    }
}
