package io.portalinvite.invitation;

import io.portalinvite.common.Channel;
import io.portalinvite.delivery.OutboundMessage;
import io.portalinvite.delivery.OutboundMessage.MessageKind;
import io.portalinvite.delivery.OutboundMessage.MessageStatus;
import io.portalinvite.delivery.OutboxPacing;
import io.portalinvite.delivery.OutboxStore;
import io.portalinvite.party.PhoneNumber;
import io.portalinvite.settings.PortalSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The outbound messages of an invitation: which ones a new or reissued link queues, the reminder,
 * their place in the practice's pace, and cancelling those still waiting when the link stops working.
 */
final class InvitationOutbox {

    private final OutboxStore outbox;
    private final String messageIdDomain;

    InvitationOutbox(OutboxStore outbox, String messageIdDomain) {
        this.outbox = outbox;
        this.messageIdDomain = messageIdDomain;
    }

    /** The invitation email, and the SMS notice when the invitation uses SMS and a mobile is known. */
    List<OutboundMessage> initial(Invitation invitation) {
        Instant now = invitation.issuedAt();
        List<OutboundMessage> messages = new ArrayList<>(2);
        messages.add(message(
                invitation,
                MessageKind.INVITATION_EMAIL,
                invitation.invitee().email().value(),
                now));
        PhoneNumber mobile = invitation.invitee().mobile();
        if (invitation.channels().contains(Channel.SMS) && mobile != null) {
            messages.add(message(invitation, MessageKind.INVITATION_SMS_NOTICE, mobile.e164(), now));
        }
        return messages;
    }

    private OutboundMessage message(Invitation invitation, MessageKind kind, String recipient, Instant now) {
        return OutboundMessage.pending(
                invitation.practiceId(),
                invitation.id().value(),
                kind,
                recipient,
                invitation.tokenNonce(),
                now,
                messageIdDomain);
    }

    /** The reminder email for the invitation's current link: the same link, nothing new issued. */
    OutboundMessage reminder(Invitation invitation, Instant now) {
        return message(
                invitation,
                MessageKind.INVITATION_REMINDER_EMAIL,
                invitation.invitee().email().value(),
                now);
    }

    /** Gives messages their send times within the practice's pace, for a caller that inserts them. */
    List<OutboundMessage> paced(PortalSettings practice, List<OutboundMessage> messages, Instant now) {
        return OutboxPacing.pace(outbox, practice, messages, now);
    }

    /** Paces messages and inserts them into the outbox. */
    void queue(PortalSettings practice, List<OutboundMessage> messages, Instant now) {
        paced(practice, messages, now).forEach(outbox::insert);
    }

    /** Cancels the invitation's messages that are still waiting to be sent. */
    void cancelPending(Invitation invitation, String reason, Instant now) {
        for (OutboundMessage m : outbox.findBySubject(invitation.id().value())) {
            if (m.status() == MessageStatus.PENDING) {
                outbox.cancel(m.id(), reason, now);
            }
        }
    }
}
