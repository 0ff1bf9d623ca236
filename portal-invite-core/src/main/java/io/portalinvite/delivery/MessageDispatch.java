package io.portalinvite.delivery;

import io.portalinvite.common.Channel;
import io.portalinvite.delivery.OutboundMessage.MessageKind;
import io.portalinvite.delivery.OutboundMessage.MessageStatus;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.tx.TransactionRunner;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One claimed message's way through a dispatcher pass: a paced practice's late first attempt takes a
 * new slot; otherwise the handler of its kind prepares it (or cancels or postpones it), it is sent,
 * and its outcome — sent, retry, failure, or handed back because the transport could not be reached
 * — is queued for the {@link ResultRecorder} with what the handler needs to record its consequences.
 */
final class MessageDispatch {

    // the dispatcher's logger: operators filter on one category for delivery
    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

    private final TransactionRunner tx;
    private final OutboxStore outbox;
    private final Map<MessageKind, MessageHandler<?>> handlers;
    private final EmailSender emailSender;
    private final @Nullable SmsSender smsSender;
    private final RetryPolicy retry;
    private final Clock clock;
    private final Map<Channel, TransportHealth> transports;

    MessageDispatch(
            TransactionRunner tx,
            OutboxStore outbox,
            Map<MessageKind, MessageHandler<?>> handlers,
            EmailSender emailSender,
            @Nullable SmsSender smsSender,
            RetryPolicy retry,
            Clock clock,
            Map<Channel, TransportHealth> transports) {
        this.tx = tx;
        this.outbox = outbox;
        this.handlers = handlers;
        this.emailSender = emailSender;
        this.smsSender = smsSender;
        this.retry = retry;
        this.clock = clock;
        this.transports = transports;
    }

    /** What became of one claimed message. */
    enum Step {
        /** Its result is queued for recording (or it was recorded already). */
        HANDLED,
        /** Its transport could not be reached: hand it back unattempted. */
        TRANSPORT_UNREACHABLE
    }

    Step handle(OutboundMessage message, String claimId, PortalSettings practice, ResultRecorder recorder) {
        Instant now = clock.instant();
        if (lateForPacedSlot(message, claimId, practice, now)) {
            recorder.forget(claimId, message.id());
            return Step.HANDLED;
        }
        return handle(Objects.requireNonNull(handlers.get(message.kind())), message, claimId, practice, now, recorder);
    }

    private <S> Step handle(
            MessageHandler<S> handler,
            OutboundMessage message,
            String claimId,
            PortalSettings practice,
            Instant now,
            ResultRecorder recorder) {
        if (!practice.enabled()) {
            recorder.add(new Result<>(
                    message.cancelled("the practice disabled the portal"), claimId, handler, null, false, now));
            return Step.HANDLED;
        }
        MessageHandler.Preparation<S> preparation;
        try {
            preparation = handler.prepare(message, practice, now);
        } catch (UnsupportedOperationException e) {
            // a composer that does not write this kind never will: fail the message for good
            recorder.add(new Result<>(message.failed(describe(e), true), claimId, handler, null, false, now));
            return Step.HANDLED;
        } catch (RuntimeException e) {
            if (StoreHealth.isStorageFailure(e)) {
                throw e; // the database failed: not the message's fault, nothing attempted
            }
            // composing failed (a template, the host's composer): not a delivery attempt. Put the
            // message back for later, as a retry would be, but with its attempts unchanged.
            Instant later = retry.nextAttempt(
                    Math.max(1, message.attempts()), clock.instant(), ThreadLocalRandom.current()::nextDouble);
            log.warn(
                    "composing {} {} failed; trying again at {} (no delivery attempt counted): {}",
                    message.kind(),
                    message.id(),
                    later,
                    describe(e));
            recorder.add(new Result<>(message.deferred(later, describe(e)), claimId, handler, null, false, now));
            return Step.HANDLED;
        }
        if (preparation instanceof MessageHandler.Cancel<S> c) {
            recorder.add(new Result<>(message.cancelled(c.reason()), claimId, handler, null, false, now));
        } else if (preparation instanceof MessageHandler.Postpone<S> p) {
            recorder.add(new Result<>(message.postponed(p.until()), claimId, handler, null, false, now));
        } else if (preparation instanceof MessageHandler.SendEmail<S> e) {
            return send(message, claimId, handler, e.subject(), () -> emailSender.send(e.email()), recorder);
        } else if (preparation instanceof MessageHandler.SendSms<S> sms) {
            SmsSender sender = smsSender;
            if (sender == null) {
                recorder.add(new Result<>(
                        message.failed("no SMS sender is configured", false),
                        claimId,
                        handler,
                        sms.subject(),
                        false,
                        now));
            } else {
                return send(message, claimId, handler, sms.subject(), () -> sender.send(sms.sms()), recorder);
            }
        }
        return Step.HANDLED;
    }

    /**
     * Puts a message back for later, its attempts unchanged, after an unexpected failure before it
     * was sent (a bug or a faulty host component): as a retry would, but without counting an attempt.
     * Leaving its claim to lapse instead would have it claimed again as possibly sent, counting an
     * attempt that never happened.
     */
    void putBack(OutboundMessage message, String claimId, RuntimeException e, ResultRecorder recorder) {
        putBack(Objects.requireNonNull(handlers.get(message.kind())), message, claimId, e, recorder);
    }

    private <S> void putBack(
            MessageHandler<S> handler,
            OutboundMessage message,
            String claimId,
            RuntimeException e,
            ResultRecorder recorder) {
        Instant now = clock.instant();
        Instant later =
                retry.nextAttempt(Math.max(1, message.attempts()), now, ThreadLocalRandom.current()::nextDouble);
        log.error(
                "dispatching {} {} failed unexpectedly; trying again at {} (no delivery attempt counted)",
                message.kind(),
                message.id(),
                later,
                e);
        recorder.add(new Result<>(message.deferred(later, describe(e)), claimId, handler, null, false, now));
    }

    private <S> Step send(
            OutboundMessage message,
            String claimId,
            MessageHandler<S> handler,
            S subject,
            Runnable sending,
            ResultRecorder recorder) {
        TransportHealth transport = Objects.requireNonNull(transports.get(message.channel()));
        OutboundMessage outcome;
        try {
            sending.run();
            outcome = message.sent(clock.instant());
            transport.reached(this::waiting);
        } catch (DeliveryException e) {
            if (e.kind() == DeliveryException.Kind.TRANSPORT_UNREACHABLE) {
                transport.unreachable(describe(e));
                return Step.TRANSPORT_UNREACHABLE;
            }
            transport.reached(this::waiting);
            outcome = afterFailure(message, describe(e), e.permanent());
            if (outcome.status() == MessageStatus.PENDING && e.retryAfter().isPresent()) {
                Instant asked = clock.instant().plus(e.retryAfter().get());
                if (asked.isAfter(outcome.nextAttemptAt())) {
                    outcome = message.retryAt(asked, describe(e));
                }
            }
        } catch (RuntimeException e) {
            outcome = afterFailure(message, describe(e), false);
        }
        boolean retryScheduled = outcome.status() == MessageStatus.PENDING && outcome.lastError() != null;
        recorder.add(new Result<>(outcome, claimId, handler, subject, retryScheduled, clock.instant()));
        return Step.HANDLED;
    }

    /** How many messages of a channel are due, for the "back" log line; -1 when the count fails. */
    private long waiting(Channel channel) {
        try {
            return tx.inTransaction(() -> outbox.backlog(clock.instant())).due();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private OutboundMessage afterFailure(OutboundMessage message, String error, boolean permanent) {
        int attempts = message.attempts() + (message.previousClaimLapsed() ? 2 : 1);
        if (permanent || !retry.shouldRetry(attempts)) {
            return message.failed(error, true);
        }
        return message.retryAt(
                retry.nextAttempt(attempts, clock.instant(), ThreadLocalRandom.current()::nextDouble), error);
    }

    /** One outcome waiting for the recorder, with what its handler needs to record its consequences. */
    private final class Result<S> implements ResultRecorder.Entry {
        private final OutboundMessage outcome;
        private final String claimId;
        private final MessageHandler<S> handler;
        private final @Nullable S subject;
        private final boolean retryScheduled;
        private final Instant at;

        Result(
                OutboundMessage outcome,
                String claimId,
                MessageHandler<S> handler,
                @Nullable S subject,
                boolean retryScheduled,
                Instant at) {
            this.outcome = outcome;
            this.claimId = claimId;
            this.handler = handler;
            this.subject = subject;
            this.retryScheduled = retryScheduled;
            this.at = at;
        }

        @Override
        public OutboundMessage outcome() {
            return outcome;
        }

        @Override
        public String claimId() {
            return claimId;
        }

        @Override
        public void write() {
            logOutcome(outcome, retryScheduled);
            if (!outbox.complete(outcome, claimId)) {
                log.info(
                        "claim on outbound message {} lapsed before its result was recorded; another "
                                + "dispatcher owns it now",
                        outcome.id());
                return;
            }
            handler.recorded(outcome, subject, retryScheduled, at);
        }
    }

    private static void logOutcome(OutboundMessage outcome, boolean retryScheduled) {
        switch (outcome.status()) {
            case SENT -> log.debug("sent {} {} (attempt {})", outcome.kind(), outcome.id(), outcome.attempts());
            case PENDING -> {
                // a message put back without an attempt (composing failed) was logged when it happened
                if (retryScheduled && outcome.lastError() != null) {
                    log.warn(
                            "sending {} {} failed (attempt {}), retrying at {}: {}",
                            outcome.kind(),
                            outcome.id(),
                            outcome.attempts(),
                            outcome.nextAttemptAt(),
                            outcome.lastError());
                }
            }
            case FAILED ->
                log.error(
                        "sending {} {} failed for good after {} attempts: {}",
                        outcome.kind(),
                        outcome.id(),
                        outcome.attempts(),
                        outcome.lastError());
            case CANCELLED -> log.debug("cancelled {} {}: {}", outcome.kind(), outcome.id(), outcome.lastError());
        }
    }

    private static String describe(RuntimeException e) {
        String text = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        // C0, DEL, C1 (NEL) and the Unicode line and paragraph separators: each would start a new
        // line in a log file or viewer, and this text is logged and shown to staff
        return text.replaceAll("[\\p{Cc}\\u2028\\u2029]", " ");
    }

    /**
     * A paced practice's first attempt more than {@link OutboxPacing#LATE_SLOT_GRACE} after its slot
     * (dispatchers were stopped, say) takes a new slot rather than going out with the whole overdue
     * backlog at once. Returns true when the message was put back for its new slot.
     */
    private boolean lateForPacedSlot(OutboundMessage message, String claimId, PortalSettings practice, Instant now) {
        if (!practice.delivery().paced()
                || message.attempts() > 0
                || !now.isAfter(message.nextAttemptAt().plus(OutboxPacing.LATE_SLOT_GRACE))) {
            return false;
        }
        return tx.inTransaction(() -> {
            Instant slot = outbox.reserveSendSlots(
                    practice.practiceId(), message.channel(), 1, now, OutboxPacing.interval(practice));
            if (!slot.isAfter(now)) {
                return false;
            }
            outbox.complete(message.postponed(slot), claimId);
            log.debug("paced message {} was overdue; moved to a new slot at {}", message.id(), slot);
            return true;
        });
    }
}
