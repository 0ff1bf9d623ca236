package io.portalinvite.delivery;

/**
 * The hook the dispatcher calls on every sender when a batch of messages is done: what every sender
 * shares with the dispatcher besides sending. One class may implement both {@link EmailSender}
 * and {@link SmsSender} (a host's messaging gateway, say) and inherits this hook once.
 */
interface SenderBatchHook {

    /**
     * Tells the sender that the dispatcher finished a batch on this thread. A sender that keeps a
     * connection open across the messages of a batch (one SMTP session for many emails) closes it
     * here; others ignore it.
     */
    default void batchFinished() {}
}
