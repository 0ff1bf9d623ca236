package io.portalinvite.invitation;

/** What {@link InvitationService#invite} did. */
public enum InviteOutcome {
    /** A new invitation was made and its messages queued. */
    INVITED,
    /** A live invitation already existed and was returned unchanged (nothing sent again). */
    ALREADY_INVITED,
    /** A live invitation existed and was resent with a new link, as the request asked. */
    RESENT,
    /** The invitee already has portal access to this patient; nothing was sent. */
    ALREADY_REGISTERED
}
