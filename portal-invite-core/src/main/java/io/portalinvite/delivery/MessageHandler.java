package io.portalinvite.delivery;

import io.portalinvite.delivery.EmailSender.EmailMessage;
import io.portalinvite.delivery.OutboundMessage.MessageKind;
import io.portalinvite.delivery.SmsSender.SmsMessage;
import io.portalinvite.settings.PortalSettings;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the {@link OutboxDispatcher} asks the concept a message is about. Each {@link MessageKind}
 * has one handler, registered when the portal is built; the invitation and password-reset concepts
 * implement it, so the dispatcher itself knows neither.
 *
 * <p>The dispatcher checks that the practice still has its portal enabled, then asks the handler
 * {@link #prepare whether the message is still wanted and what it says}, sends it outside any
 * transaction, and tells the handler the {@link #recorded outcome} in the transaction that records
 * it, so that the subject's own consequences (audit entries, status, events) commit with it.
 *
 * @param <S> what a message of these kinds is about, as the handler read it when preparing the
 *     message (an invitation, say); handed back with the outcome so it need not be read again
 */
public interface MessageHandler<S> {

    /**
     * Returns the kinds of message this handler answers for.
     *
     * @return the kinds
     */
    Set<MessageKind> kinds();

    /**
     * Decides, at send time, whether the message is still wanted, and composes it when it is.
     *
     * @param message the claimed message
     * @param practice the settings of its practice, whose portal is enabled
     * @param now the current time
     * @return what to do with the message
     */
    Preparation<S> prepare(OutboundMessage message, PortalSettings practice, Instant now);

    /**
     * Records the consequences of a message's outcome for its subject, in the transaction that
     * stores the outcome. Called for every outcome the dispatcher stores under its claim.
     *
     * @param outcome the message as stored: SENT, FAILED, CANCELLED, or PENDING again
     * @param subject what the message is about, as {@link #prepare} read it; null when the message
     *     was not prepared for sending (cancelled, postponed, or its composition failed)
     * @param retryScheduled true when the outcome is a failed attempt that will be retried
     * @param now the current time
     */
    default void recorded(OutboundMessage outcome, @Nullable S subject, boolean retryScheduled, Instant now) {}

    /**
     * What the dispatcher does with a message, as its handler decided.
     *
     * @param <S> what the message is about
     */
    sealed interface Preparation<S> {}

    /**
     * Withdraw the message without sending it.
     *
     * @param reason why, stored as the message's last error
     * @param <S> what the message is about
     */
    record Cancel<S>(String reason) implements Preparation<S> {
        /** Checks presence. */
        public Cancel {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Look at the message again later, without counting an attempt (it waits for something else).
     *
     * @param until when to look again
     * @param <S> what the message is about
     */
    record Postpone<S>(Instant until) implements Preparation<S> {
        /** Checks presence. */
        public Postpone {
            Objects.requireNonNull(until, "until");
        }
    }

    /**
     * Send this email.
     *
     * @param email the composed email
     * @param subject what it is about, handed back with the outcome
     * @param <S> what the message is about
     */
    record SendEmail<S>(EmailMessage email, S subject) implements Preparation<S> {
        /** Checks presence. */
        public SendEmail {
            Objects.requireNonNull(email, "email");
            Objects.requireNonNull(subject, "subject");
        }
    }

    /**
     * Send this SMS.
     *
     * @param sms the composed SMS
     * @param subject what it is about, handed back with the outcome
     * @param <S> what the message is about
     */
    record SendSms<S>(SmsMessage sms, S subject) implements Preparation<S> {
        /** Checks presence. */
        public SendSms {
            Objects.requireNonNull(sms, "sms");
            Objects.requireNonNull(subject, "subject");
        }
    }
}
