package io.portalinvite.delivery;

import io.portalinvite.delivery.EmailSender.EmailMessage;
import io.portalinvite.delivery.SmsSender.SmsMessage;
import io.portalinvite.party.EmailAddress;
import io.portalinvite.party.Relationship;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.token.LinkToken;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Turns an outbound message into the text that is sent. Replace it to use the host's own wording;
 * the default is {@link DefaultMessageComposer}.
 */
public interface MessageComposer {

    /**
     * Composes the invitation email.
     *
     * @param message the outbox entry (recipient, Message-ID)
     * @param invitation what the email says about the invitation
     * @param settings the practice's settings
     * @param token the raw token for the link; put it only in the link
     * @param defaultFrom the library-wide From address when the practice has none
     * @return the email
     */
    EmailMessage invitationEmail(
            OutboundMessage message,
            InvitationContent invitation,
            PortalSettings settings,
            LinkToken token,
            EmailAddress defaultFrom);

    /**
     * Composes the SMS notice: that an email was sent, with no link, code or health information.
     *
     * @param message the outbox entry (recipient)
     * @param settings the practice's settings
     * @return the SMS
     */
    SmsMessage smsNotice(OutboundMessage message, PortalSettings settings);

    /**
     * Composes the reminder sent shortly before an invitation expires. It carries the same link as
     * the invitation email. The default sends the invitation email again.
     *
     * @param message the outbox entry (recipient, Message-ID)
     * @param invitation what the email says about the invitation
     * @param settings the practice's settings
     * @param token the raw token of the invitation's current link; put it only in the link
     * @param defaultFrom the library-wide From address when the practice has none
     * @return the email
     */
    default EmailMessage reminderEmail(
            OutboundMessage message,
            InvitationContent invitation,
            PortalSettings settings,
            LinkToken token,
            EmailAddress defaultFrom) {
        return invitationEmail(message, invitation, settings, token, defaultFrom);
    }

    /**
     * Composes the password-reset email. A composer that replaces {@link DefaultMessageComposer}
     * must implement it to send reset links; the default refuses, and the message fails for good.
     *
     * @param message the outbox entry (recipient, Message-ID)
     * @param settings the settings of the practice whose portal page the request came from
     * @param token the raw reset token; put it only in the link
     * @param expiresAt when the link stops working
     * @param defaultFrom the library-wide From address when the practice has none
     * @return the email
     */
    default EmailMessage passwordResetEmail(
            OutboundMessage message,
            PortalSettings settings,
            LinkToken token,
            Instant expiresAt,
            EmailAddress defaultFrom) {
        throw new UnsupportedOperationException(getClass().getName() + " does not compose password-reset emails");
    }

    /**
     * What an invitation email or reminder says about the invitation: who it greets, whom a carer acts
     * for, and until when the link works. Composers get this rather than the invitation itself, so that
     * message wording never depends on how invitations are stored.
     *
     * @param inviteeFirstName the invitee's first name
     * @param patientFirstName for a carer's invitation, the patient's first name; null for the patient's own
     * @param relationship for a carer's invitation, the carer's relationship to the patient; null otherwise
     * @param expiresAt when the link stops working
     */
    public record InvitationContent(
            String inviteeFirstName,
            @Nullable String patientFirstName,
            @Nullable Relationship relationship,
            Instant expiresAt) {

        /** Checks presence: a carer's invitation names both the patient and the relationship. */
        public InvitationContent {
            Objects.requireNonNull(inviteeFirstName, "inviteeFirstName");
            Objects.requireNonNull(expiresAt, "expiresAt");
            if ((patientFirstName == null) != (relationship == null)) {
                throw new IllegalArgumentException("a carer's invitation names the patient and the relationship");
            }
        }

        /**
         * Tells whether the invitation goes to a carer acting for the patient.
         *
         * @return true for a carer's invitation
         */
        public boolean forCarer() {
            return patientFirstName != null;
        }
    }
}
