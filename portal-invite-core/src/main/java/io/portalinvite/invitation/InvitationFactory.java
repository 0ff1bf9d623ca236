package io.portalinvite.invitation;

import io.portalinvite.common.Channel;
import io.portalinvite.common.InvitationId;
import io.portalinvite.common.StaffId;
import io.portalinvite.invitation.Invitation.InvitationStatus;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.token.LinkTokens;
import io.portalinvite.token.TokenNonce;
import java.time.Instant;
import java.util.Set;

/**
 * Makes new invitations: a fresh id, the first link's nonce and digest, and the practice's link
 * lifetime. The one place a new invitation comes from, for single and bulk invites alike.
 */
final class InvitationFactory {

    private final LinkTokens tokens;

    InvitationFactory(LinkTokens tokens) {
        this.tokens = tokens;
    }

    /** A new PENDING invitation for a validated request, its link issued now. */
    Invitation create(InviteRequests.Valid valid, Set<Channel> channels, PortalSettings practice, Instant now) {
        return create(valid, valid.staff(), channels, practice, now);
    }

    /** A new PENDING invitation made by {@code staff}, its link issued now. */
    Invitation create(
            InviteRequests.Valid valid, StaffId staff, Set<Channel> channels, PortalSettings practice, Instant now) {
        InvitationId id = InvitationId.random();
        TokenNonce nonce = tokens.newNonce();
        return Invitation.builder()
                .id(id)
                .practiceId(valid.practiceId())
                .patient(valid.patient())
                .invitee(valid.invitee())
                .channels(channels)
                .origin(valid.request().origin())
                .status(InvitationStatus.PENDING)
                .tokenNonce(nonce)
                .tokenDigest(tokens.digest(id.value(), nonce))
                .issuedAt(now)
                .expiresAt(now.plus(practice.links().invitationLifetime()))
                .createdAt(now)
                .createdBy(staff)
                .updatedAt(now)
                .language(valid.language())
                .build();
    }

    /** The invitation with a new link: the old one stops working, the expiry starts again. */
    Invitation reissue(Invitation invitation, PortalSettings practice, Instant now) {
        TokenNonce nonce = tokens.newNonce();
        return invitation.reissued(
                nonce,
                tokens.digest(invitation.id().value(), nonce),
                now,
                now.plus(practice.links().invitationLifetime()));
    }
}
