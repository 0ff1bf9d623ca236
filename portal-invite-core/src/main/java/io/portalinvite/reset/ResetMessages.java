package io.portalinvite.reset;

import io.portalinvite.delivery.MessageComposer;
import io.portalinvite.delivery.MessageHandler;
import io.portalinvite.delivery.OutboundMessage;
import io.portalinvite.delivery.OutboundMessage.MessageKind;
import io.portalinvite.party.EmailAddress;
import io.portalinvite.reset.PasswordResetRequest.PasswordResetStatus;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.token.LinkTokens;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The outbox's view of password-reset emails: sent only while the request is open on the same link.
 * Reset emails belong to no invitation, so their outcome leaves no delivery entry on one.
 */
final class ResetMessages implements MessageHandler<PasswordResetRequest> {

    private final PasswordResetStore resets;
    private final LinkTokens tokens;
    private final MessageComposer composer;
    private final EmailAddress defaultFrom;

    ResetMessages(PasswordResetStore resets, LinkTokens tokens, MessageComposer composer, EmailAddress defaultFrom) {
        this.resets = resets;
        this.tokens = tokens;
        this.composer = composer;
        this.defaultFrom = defaultFrom;
    }

    @Override
    public Set<MessageKind> kinds() {
        return EnumSet.of(MessageKind.PASSWORD_RESET_EMAIL);
    }

    @Override
    public Preparation<PasswordResetRequest> prepare(OutboundMessage message, PortalSettings practice, Instant now) {
        Optional<PasswordResetRequest> found = resets.findById(message.subjectId());
        if (found.isEmpty()) {
            return new Cancel<>("the reset request no longer exists");
        }
        PasswordResetRequest reset = found.get();
        if (!reset.tokenNonce().equals(message.tokenNonce())) {
            return new Cancel<>("superseded by a newer link");
        }
        if (!reset.isUsable(now)) {
            return new Cancel<>("the reset link is "
                    + (reset.status() == PasswordResetStatus.OPEN
                            ? "expired"
                            : reset.status().name().toLowerCase(Locale.ROOT)));
        }
        return new SendEmail<>(
                composer.passwordResetEmail(
                        message,
                        practice,
                        tokens.derive(reset.id(), reset.tokenNonce()),
                        reset.expiresAt(),
                        defaultFrom),
                reset);
    }
}
