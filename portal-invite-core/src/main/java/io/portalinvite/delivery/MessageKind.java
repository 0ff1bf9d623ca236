package io.portalinvite.delivery;

/** What an outbound message is for. */
public enum MessageKind {
    /** The email that carries the invitation link. */
    INVITATION_EMAIL(Channel.EMAIL),
    /** The SMS that tells the invitee an email was sent; it carries no link. */
    INVITATION_SMS_NOTICE(Channel.SMS);

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
