package io.portalinvite.delivery;

import io.portalinvite.common.Channel;
import io.portalinvite.settings.PortalSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Gives new outbound messages their send slots when a practice limits its messages per minute
 * ({@link PortalSettings#messagesPerMinute()}): each message's first attempt becomes a slot reserved
 * through {@link OutboxStore#reserveSendSlots}, one slot per message and channel. Unpaced practices'
 * messages are returned unchanged, at no cost. See {@code docs/outbox-pacing.md}.
 */
public final class OutboxPacing {

    /**
     * How late a paced message may be sent after its slot before it takes a new slot instead. After an
     * outage the backlog's slots are all in the past; without this, every overdue message would go at
     * once. With it, at most this much of the backlog (one minute's worth) goes at once.
     */
    public static final Duration LATE_SLOT_GRACE = Duration.ofMinutes(1);

    private OutboxPacing() {}

    /**
     * Returns the spacing of one practice's messages on one channel.
     *
     * @param settings the practice's settings; must be paced
     * @return sixty seconds divided by the messages per minute, in whole microseconds
     */
    public static Duration interval(PortalSettings settings) {
        if (!settings.delivery().paced()) {
            throw new IllegalArgumentException("the practice does not pace its messages");
        }
        return Duration.of(Math.max(1, 60_000_000L / settings.delivery().messagesPerMinute()), ChronoUnit.MICROS);
    }

    /**
     * Gives messages their slots, in order, when the practice paces its messages.
     *
     * @param outbox the store that reserves slots, in the current transaction
     * @param settings the practice's settings
     * @param messages new pending messages of that practice
     * @param now the current time
     * @return the messages, each due at its slot (unchanged when the practice does not pace)
     */
    public static List<OutboundMessage> pace(
            OutboxStore outbox, PortalSettings settings, List<OutboundMessage> messages, Instant now) {
        if (!settings.delivery().paced() || messages.isEmpty()) {
            return messages;
        }
        Duration interval = interval(settings);
        Map<Channel, Integer> counts = new EnumMap<>(Channel.class);
        messages.forEach(m -> counts.merge(m.channel(), 1, Integer::sum));
        Map<Channel, Instant> next = new EnumMap<>(Channel.class);
        counts.forEach((channel, n) ->
                next.put(channel, outbox.reserveSendSlots(settings.practiceId(), channel, n, now, interval)));
        List<OutboundMessage> paced = new ArrayList<>(messages.size());
        for (OutboundMessage m : messages) {
            Instant slot = Objects.requireNonNull(next.get(m.channel()));
            next.put(m.channel(), slot.plus(interval));
            paced.add(slot.isAfter(m.nextAttemptAt()) ? m.postponed(slot) : m);
        }
        return paced;
    }
}
