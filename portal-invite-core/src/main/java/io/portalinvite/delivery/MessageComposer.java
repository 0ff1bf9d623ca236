package io.portalinvite.delivery;

import io.portalinvite.invitation.Invitation;
import io.portalinvite.party.EmailAddress;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.token.InvitationToken;

/**
 * Turns an outbound message into the text that is sent. Replace it to use the host's own wording;
 * the default is {@link DefaultMessageComposer}.
 */
public interface MessageComposer {

    /**
     * Composes the invitation email.
     *
     * @param message the outbox entry (recipient, Message-ID)
     * @param invitation the invitation
     * @param settings the practice's settings
     * @param token the raw token for the link; put it only in the link
     * @param defaultFrom the library-wide From address when the practice has none
     * @return the email
     */
    EmailMessage invitationEmail(OutboundMessage message, Invitation invitation, PortalSettings settings,
            InvitationToken token, EmailAddress defaultFrom);

    /**
     * Composes the SMS notice: that an email was sent, with no link, code or health information.
     *
     * @param message the outbox entry (recipient)
     * @param invitation the invitation
     * @param settings the practice's settings
     * @return the SMS
     */
    SmsMessage smsNotice(OutboundMessage message, Invitation invitation, PortalSettings settings);
}
