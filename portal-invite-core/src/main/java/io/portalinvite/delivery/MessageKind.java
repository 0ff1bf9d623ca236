package io.portalinvite.delivery;

import io.portalinvite.common.Channel;

/** What an outbound message is for. */
public enum MessageKind {
    /** The email that carries the invitation link. */
    INVITATION_EMAIL(Channel.EMAIL),
    /** The SMS that tells the invitee an email was sent; it carries no link. */
    INVITATION_SMS_NOTICE(Channel.SMS),
    /**
     * A reminder, shortly before expiry, that carries the same link as the invitation email (the
     * token is derived again from the invitation's current nonce; nothing new is issued).
     */
    INVITATION_REMINDER_EMAIL(Channel.EMAIL),
    /**
     * The email with a password-reset link. Its {@link OutboundMessage#subjectId()} is the id
     * of the password-reset request, not of an invitation.
     */
    PASSWORD_RESET_EMAIL(Channel.EMAIL);

    private final Channel channel;

    MessageKind(Channel channel) {
        this.channel = channel;
    }

    /**
     * Returns the channel this kind travels on.
     *
     * @return the channel
     */
    public Channel channel() {
        return channel;
    }
}
