package io.portalinvite.invitation;

import io.portalinvite.audit.AuditAction;
import io.portalinvite.audit.AuditEvent;
import io.portalinvite.audit.AuditEvent.AuditOutcome;
import io.portalinvite.common.Actor;
import io.portalinvite.common.FieldViolation;
import io.portalinvite.common.InvitationId;
import io.portalinvite.common.InviteeKind;
import io.portalinvite.delivery.MessageComposer;
import io.portalinvite.delivery.MessageComposer.InvitationContent;
import io.portalinvite.delivery.MessageHandler;
import io.portalinvite.delivery.OutboundMessage;
import io.portalinvite.delivery.OutboundMessage.MessageKind;
import io.portalinvite.delivery.OutboundMessage.MessageStatus;
import io.portalinvite.delivery.OutboxStore;
import io.portalinvite.delivery.SmsSender.SmsMessage;
import io.portalinvite.event.PortalEvent;
import io.portalinvite.internal.SmsText;
import io.portalinvite.invitation.Invitation.InvitationStatus;
import io.portalinvite.party.EmailAddress;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.token.LinkTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The outbox's view of invitation messages. A message is still wanted only while its invitation is
 * usable on the same link; an SMS notice waits until its email was sent, because it tells the
 * invitee that the email has arrived. Sent and failed messages are audited on the invitation, move
 * it to SENT or DELIVERY_FAILED, and raise {@link PortalEvent.MessageSent} or
 * {@link PortalEvent.MessageFailed}.
 */
final class InvitationMessages implements MessageHandler<Invitation> {

    /** How long an SMS notice waits before looking at its email again. */
    private static final Duration SMS_WAIT_FOR_EMAIL = Duration.ofSeconds(30);
    /** The audit detail of an attempt after a lapsed claim, whose own result was never recorded. */
    static final String SENT_AGAIN = "sent again after an unrecorded result";

    private final InvitationLifecycle lifecycle;
    private final InvitationStore invitations;
    private final OutboxStore outbox;
    private final LinkTokens tokens;
    private final MessageComposer composer;
    private final EmailAddress defaultFrom;

    InvitationMessages(
            InvitationLifecycle lifecycle,
            InvitationStore invitations,
            OutboxStore outbox,
            LinkTokens tokens,
            MessageComposer composer,
            EmailAddress defaultFrom) {
        this.lifecycle = lifecycle;
        this.invitations = invitations;
        this.outbox = outbox;
        this.tokens = tokens;
        this.composer = composer;
        this.defaultFrom = defaultFrom;
    }

    @Override
    public Set<MessageKind> kinds() {
        return EnumSet.of(
                MessageKind.INVITATION_EMAIL, MessageKind.INVITATION_SMS_NOTICE, MessageKind.INVITATION_REMINDER_EMAIL);
    }

    @Override
    public Preparation<Invitation> prepare(OutboundMessage message, PortalSettings settings, Instant now) {
        Optional<Invitation> found = invitations.findById(new InvitationId(message.subjectId()));
        if (found.isEmpty()) {
            return new Cancel<>("the invitation no longer exists");
        }
        Invitation invitation = found.get();
        // the invitation's own language, when staff chose one, wins over the practice's locale
        PortalSettings practice = inLanguageOf(invitation, settings);
        if (!invitation.tokenNonce().equals(message.tokenNonce())) {
            return new Cancel<>("superseded by a newer link");
        }
        if (!invitation.isUsable(now)) {
            return new Cancel<>("the invitation is "
                    + invitation.effectiveStatus(now).name().toLowerCase(Locale.ROOT));
        }
        return switch (message.kind()) {
            case INVITATION_EMAIL ->
                new SendEmail<>(
                        composer.invitationEmail(
                                message,
                                content(invitation),
                                practice,
                                tokens.derive(message.subjectId(), message.tokenNonce()),
                                defaultFrom),
                        invitation);
            case INVITATION_REMINDER_EMAIL ->
                new SendEmail<>(
                        composer.reminderEmail(
                                message,
                                content(invitation),
                                practice,
                                tokens.derive(message.subjectId(), message.tokenNonce()),
                                defaultFrom),
                        invitation);
            case INVITATION_SMS_NOTICE -> smsNotice(message, invitation, practice, now);
            case PASSWORD_RESET_EMAIL ->
                throw new IllegalArgumentException("not an invitation message: " + message.kind());
        };
    }

    private Preparation<Invitation> smsNotice(
            OutboundMessage sms, Invitation invitation, PortalSettings practice, Instant now) {
        MessageStatus email = outbox.findBySubject(sms.subjectId()).stream()
                .filter(m -> m.kind() == MessageKind.INVITATION_EMAIL
                        && m.tokenNonce().equals(sms.tokenNonce()))
                .map(OutboundMessage::status)
                .findFirst()
                .orElse(MessageStatus.CANCELLED);
        if (email == MessageStatus.PENDING) {
            return new Postpone<>(now.plus(SMS_WAIT_FOR_EMAIL));
        }
        if (email != MessageStatus.SENT) {
            return new Cancel<>("the invitation email was not sent");
        }
        SmsMessage notice = composer.smsNotice(sms, practice);
        // checked again here, whoever composed it and whatever was stored before the rule existed:
        // an SMS that could carry a link is never sent (checklist B1)
        Optional<FieldViolation> unsafe = SmsText.problem("sms", notice.body(), true);
        if (unsafe.isPresent()) {
            return new Cancel<>("the SMS text was refused (" + unsafe.get().rule() + "): it could carry a link");
        }
        return new SendSms<>(notice, invitation);
    }

    /**
     * The practice's settings as an invitation's messages see them: in the invitation's language
     * when it has one, so that a composer reading {@code practice().locale()} writes in it.
     */
    static PortalSettings inLanguageOf(Invitation invitation, PortalSettings settings) {
        Locale language = invitation.language();
        return language == null || language.equals(settings.practice().locale())
                ? settings
                : settings.toBuilder().locale(language).build();
    }

    private static InvitationContent content(Invitation invitation) {
        Invitee invitee = invitation.invitee();
        boolean carer = invitee.kind() == InviteeKind.CARER;
        return new InvitationContent(
                invitee.name().given(),
                carer ? invitation.patient().name().given() : null,
                carer ? invitee.relationship() : null,
                invitation.expiresAt());
    }

    @Override
    public void recorded(
            OutboundMessage outcome, @Nullable Invitation invitation, boolean retryScheduled, Instant now) {
        AuditAction action = switch (outcome.status()) {
            case SENT -> AuditAction.DELIVERY_SENT;
            case FAILED -> AuditAction.DELIVERY_FAILED;
            case PENDING -> retryScheduled ? AuditAction.DELIVERY_DEFERRED : null;
            case CANCELLED -> null;
        };
        if (action == null || invitation == null) {
            return;
        }
        AuditEvent.Builder entry = AuditEvent.of(action, Actor.SYSTEM, now)
                .practice(invitation.practiceId())
                .patient(invitation.patient().id())
                .invitation(invitation.id())
                .channel(outcome.channel())
                .outcome(outcome.status() == MessageStatus.SENT ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE)
                .detail("attempt", outcome.attempts())
                .detail("messageId", outcome.id());
        if (outcome.previousClaimLapsed()) {
            // a dispatcher claimed it before and never recorded a result: the invitee may have two copies
            entry.detail("sentAgain", SENT_AGAIN);
        }
        lifecycle.recordDelivery(entry.build());
        if (outcome.status() == MessageStatus.SENT) {
            if (outcome.kind() == MessageKind.INVITATION_EMAIL) {
                lifecycle.moveToDeliveryStatus(outcome, InvitationStatus.SENT, now);
            }
            lifecycle.announce(new PortalEvent.MessageSent(
                    invitation.id(),
                    invitation.practiceId(),
                    invitation.patient().id(),
                    outcome.channel(),
                    now));
        } else if (outcome.status() == MessageStatus.FAILED) {
            if (outcome.kind() == MessageKind.INVITATION_EMAIL) {
                lifecycle.moveToDeliveryStatus(outcome, InvitationStatus.DELIVERY_FAILED, now);
                cancelNotices(outcome, now);
            }
            lifecycle.announce(new PortalEvent.MessageFailed(
                    invitation.id(),
                    invitation.practiceId(),
                    invitation.patient().id(),
                    outcome.channel(),
                    String.valueOf(outcome.lastError()),
                    now));
        }
    }

    /** An SMS notice says "we emailed you": withdraw it when its email will never go. */
    private void cancelNotices(OutboundMessage failedEmail, Instant now) {
        for (OutboundMessage m : outbox.findBySubject(failedEmail.subjectId())) {
            if (m.kind() == MessageKind.INVITATION_SMS_NOTICE
                    && m.status() == MessageStatus.PENDING
                    && m.tokenNonce().equals(failedEmail.tokenNonce())) {
                outbox.cancel(m.id(), "the invitation email was not sent", now);
            }
        }
    }
}
