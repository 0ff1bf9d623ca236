package io.portalinvite.delivery;

import io.portalinvite.common.Channel;
import java.time.Duration;
import java.util.Objects;

/**
 * How an {@link OutboxDispatcher} claims, records and waits, as set on the portal's builder. See
 * {@code docs/outbox-delivery.md}.
 *
 * @param lease how long a claim holds a message before another dispatcher may take it over; the
 *     dispatcher renews the leases of the messages it still holds every third of this, so it can be
 *     short and a dead node's messages are taken over soon
 * @param claimBatchSize messages claimed per pass
 * @param emailResultBatch the most email results recorded in one transaction, and the most a
 *     dispatcher holds sent but unrecorded: after a crash, at most this many emails are sent again
 * @param smsResultBatch the same for SMS, kept smaller because a duplicate SMS is more intrusive
 * @param resultInterval the longest a result waits before it is recorded
 * @param probeInitial the first pause before trying a transport again after it could not be reached
 * @param probeMax the longest pause between tries of an unreachable transport (the pause doubles
 *     from {@code probeInitial} up to this), so messages go out within about this long of its return
 */
record DispatchSettings(
        Duration lease,
        int claimBatchSize,
        int emailResultBatch,
        int smsResultBatch,
        Duration resultInterval,
        Duration probeInitial,
        Duration probeMax) {

    /** 30 s lease, 100 claimed per pass, results in batches of 100 emails or 10 SMS or 250 ms, probes 1 s to 5 s. */
    static final DispatchSettings DEFAULT = new DispatchSettings(
            Duration.ofSeconds(30), 100, 100, 10, Duration.ofMillis(250), Duration.ofSeconds(1), Duration.ofSeconds(5));

    /** Checks the ranges. */
    DispatchSettings {
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(resultInterval, "resultInterval");
        Objects.requireNonNull(probeInitial, "probeInitial");
        Objects.requireNonNull(probeMax, "probeMax");
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("lease must be positive");
        }
        if (claimBatchSize < 1 || emailResultBatch < 1 || smsResultBatch < 1) {
            throw new IllegalArgumentException("batch sizes must be at least 1");
        }
        if (resultInterval.isNegative() || resultInterval.isZero()) {
            throw new IllegalArgumentException("resultInterval must be positive");
        }
        if (probeInitial.isNegative() || probeInitial.isZero() || probeMax.compareTo(probeInitial) < 0) {
            throw new IllegalArgumentException("probeInitial must be positive and probeMax at least probeInitial");
        }
    }

    /**
     * Returns these settings with another lease.
     *
     * @param value the lease
     * @return the changed settings
     */
    DispatchSettings withLease(Duration value) {
        return new DispatchSettings(
                value, claimBatchSize, emailResultBatch, smsResultBatch, resultInterval, probeInitial, probeMax);
    }

    /**
     * Returns these settings with another claim batch size.
     *
     * @param value messages claimed per pass
     * @return the changed settings
     */
    DispatchSettings withClaimBatchSize(int value) {
        return new DispatchSettings(
                lease, value, emailResultBatch, smsResultBatch, resultInterval, probeInitial, probeMax);
    }

    /**
     * Returns these settings with other result batches.
     *
     * @param email the most email results per transaction
     * @param sms the most SMS results per transaction
     * @param interval the longest a result waits
     * @return the changed settings
     */
    DispatchSettings withResultBatches(int email, int sms, Duration interval) {
        return new DispatchSettings(lease, claimBatchSize, email, sms, interval, probeInitial, probeMax);
    }

    /**
     * Returns these settings with other probe pauses for an unreachable transport.
     *
     * @param initial the first pause
     * @param max the longest pause
     * @return the changed settings
     */
    DispatchSettings withProbe(Duration initial, Duration max) {
        return new DispatchSettings(
                lease, claimBatchSize, emailResultBatch, smsResultBatch, resultInterval, initial, max);
    }

    /**
     * The result batch of a channel.
     *
     * @param channel the channel
     * @return its most results per transaction
     */
    int resultBatch(Channel channel) {
        return channel == Channel.SMS ? smsResultBatch : emailResultBatch;
    }
}
