package io.portalinvite.micrometer;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.portalinvite.delivery.OutboxStore.OutboxBacklog;
import io.portalinvite.storage.PortalStorage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gauges of the outbox backlog, from {@link io.portalinvite.delivery.OutboxStore#backlog(Instant)}:
 *
 * <ul>
 *   <li>{@value #MESSAGES} tagged {@code state} = {@code pending} (waiting to be sent, due or not),
 *       {@code due} (due now and unclaimed) and {@code failed} (failed for good);
 *   <li>{@value #OLDEST_DUE}, how long the longest-waiting due message has waited (0 when none is
 *       due): growing means no dispatcher is running, or it cannot keep up.
 * </ul>
 *
 * <p>One query answers every gauge, and it runs at most once per {@code minInterval} however often
 * the registry is scraped; while the outbox cannot be read the gauges report NaN.
 *
 * <pre>{@code
 * new OutboxBacklogMetrics(portal.storage()).bindTo(registry);
 * }</pre>
 */
public final class OutboxBacklogMetrics implements MeterBinder {

    /** The message-count gauges' name. */
    public static final String MESSAGES = "portal.invite.outbox.messages";

    /** The oldest due message's age gauge name. */
    public static final String OLDEST_DUE = "portal.invite.outbox.oldest.due";

    /** How long one reading serves the gauges unless configured otherwise. */
    public static final Duration DEFAULT_MIN_INTERVAL = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(OutboxBacklogMetrics.class);

    private final PortalStorage storage;
    private final Clock clock;
    private final Duration minInterval;
    private @Nullable Reading last;

    /**
     * Creates the gauges with the system clock and a reading at most every {@link #DEFAULT_MIN_INTERVAL}.
     *
     * @param storage the stores whose outbox is measured
     */
    public OutboxBacklogMetrics(PortalStorage storage) {
        this(storage, Clock.systemUTC(), DEFAULT_MIN_INTERVAL);
    }

    /**
     * Creates the gauges.
     *
     * @param storage the stores whose outbox is measured
     * @param clock the clock
     * @param minInterval the least time between two readings of the outbox
     */
    public OutboxBacklogMetrics(PortalStorage storage, Clock clock, Duration minInterval) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.minInterval = Objects.requireNonNull(minInterval, "minInterval");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        count(registry, "pending", "messages waiting to be sent, due or not", OutboxBacklog::pending);
        count(registry, "due", "messages due now that no dispatcher holds", OutboxBacklog::due);
        count(registry, "failed", "messages that failed for good", OutboxBacklog::failed);
        TimeGauge.builder(OLDEST_DUE, this, TimeUnit.SECONDS, m -> m.oldestDueSeconds())
                .description("how long the longest-waiting due message has waited")
                .strongReference(true)
                .register(registry);
    }

    private void count(
            MeterRegistry registry, String state, String description, ToDoubleFunction<OutboxBacklog> value) {
        Gauge.builder(MESSAGES, this, m -> m.read(value))
                .description("portal-invite outbox: " + description)
                .tag("state", state)
                .baseUnit("messages")
                .strongReference(true)
                .register(registry);
    }

    private double read(ToDoubleFunction<OutboxBacklog> value) {
        Reading r = reading();
        return r.backlog == null ? Double.NaN : value.applyAsDouble(r.backlog);
    }

    private double oldestDueSeconds() {
        Reading r = reading();
        if (r.backlog == null) {
            return Double.NaN;
        }
        Instant oldest = r.backlog.oldestDue();
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, r.at).toMillis() / 1000.0);
    }

    private synchronized Reading reading() {
        Instant now = clock.instant();
        Reading r = last;
        if (r == null || !now.isBefore(r.at.plus(minInterval))) {
            r = new Reading(now, backlog(now));
            last = r;
        }
        return r;
    }

    private @Nullable OutboxBacklog backlog(Instant now) {
        try {
            return storage.outbox().backlog(now);
        } catch (RuntimeException e) {
            // the exception's class only: driver messages can contain connection details
            log.warn(
                    "portal-invite outbox backlog could not be read ({})",
                    e.getClass().getSimpleName());
            return null;
        }
    }

    private record Reading(Instant at, @Nullable OutboxBacklog backlog) {}
}
