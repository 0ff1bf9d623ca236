package io.portalinvite.delivery;

import io.portalinvite.common.Channel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a channel's transport (the SMTP relay, the SMS provider) can be reached, as one dispatcher
 * saw it. While it cannot, the dispatcher leaves the channel's messages alone and tries again after
 * a pause that doubles from the first probe pause to the longest;
 * the first message claimed then is the probe. One line is logged when the transport goes away and
 * one when it is back.
 */
final class TransportHealth {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

    final Channel channel;
    private final Clock clock;
    private final DispatchSettings settings;
    // guarded by this
    private @Nullable Instant downSince;
    private @Nullable Instant nextProbe;
    private Duration pause = Duration.ZERO;

    TransportHealth(Channel channel, Clock clock, DispatchSettings settings) {
        this.channel = channel;
        this.clock = clock;
        this.settings = settings;
    }

    /** Tells whether the channel's messages may be claimed now: it is up, or its probe is due. */
    synchronized boolean mayTry(Instant now) {
        return nextProbe == null || !now.isBefore(nextProbe);
    }

    /** When the unreachable transport is tried next, or null when it is up. */
    synchronized @Nullable Instant nextProbe() {
        return nextProbe;
    }

    /** Notes that the transport could not be reached; logs once when it was up until now. */
    synchronized void unreachable(String why) {
        Instant now = clock.instant();
        if (downSince == null) {
            downSince = now;
            pause = settings.probeInitial();
            log.warn("{} unreachable since {}: {}; its messages wait, not counted as attempts", name(), now, why);
        } else {
            Duration doubled = pause.multipliedBy(2);
            pause = doubled.compareTo(settings.probeMax()) > 0 ? settings.probeMax() : doubled;
        }
        nextProbe = now.plus(pause);
    }

    /** Notes that the transport answered; logs the recovery when it was unreachable. */
    void reached(ToLongFunction<Channel> waiting) {
        Instant since;
        synchronized (this) {
            since = downSince;
            if (since == null) {
                return;
            }
            downSince = null;
            nextProbe = null;
            pause = Duration.ZERO;
        }
        long due = waiting.applyAsLong(channel);
        log.info(
                "{} back after {} ({} messages waiting)",
                name(),
                Duration.between(since, clock.instant()),
                due < 0 ? "?" : Long.toString(due));
    }

    private String name() {
        return channel == Channel.EMAIL
                ? "SMTP/email transport"
                : channel.name().toLowerCase(Locale.ROOT) + " transport";
    }
}
