package io.portalinvite.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.portalinvite.event.PortalEvent;
import io.portalinvite.event.PortalEventListener;
import io.portalinvite.password.PasswordHasher;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Counts portal-invite events in Micrometer as {@value #METER}, tagged with {@code type}
 * (InvitationCreated, MessageSent, MessageFailed, AccountLocked...) and {@code channel} (EMAIL, SMS,
 * or none). Events reach listeners after their transaction commits, so a rolled-back invite is never
 * counted.
 *
 * <pre>{@code
 * PortalInviteMetrics metrics = new PortalInviteMetrics(registry);
 * PortalInvite portal = PortalInvite.builder()
 *         .listener(metrics)
 *         .passwordHasher(metrics.timed(new Argon2idPasswordHasher()))
 *         ...
 *         .build();
 * }</pre>
 */
public final class PortalInviteMetrics implements PortalEventListener {

    /** The counter's name. */
    public static final String METER = "portal.invite.events";

    private final Supplier<@Nullable MeterRegistry> registry;

    /**
     * Creates the listener on a registry.
     *
     * @param registry where the counters go
     */
    public PortalInviteMetrics(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        this.registry = () -> registry;
    }

    /**
     * Creates the listener on a registry looked up at each event, for containers that create the
     * registry after the portal.
     *
     * @param registry supplies the registry, or null when there is none (events are then not counted)
     */
    public PortalInviteMetrics(Supplier<@Nullable MeterRegistry> registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * Increments the counter for the event.
     *
     * @param event what happened
     */
    @Override
    public void onEvent(PortalEvent event) {
        MeterRegistry r = registry.get();
        if (r == null) {
            return;
        }
        String channel = "none";
        if (event instanceof PortalEvent.MessageSent sent) {
            channel = sent.channel().name();
        } else if (event instanceof PortalEvent.MessageFailed failed) {
            channel = failed.channel().name();
        }
        Counter.builder(METER)
                .description("portal-invite events after commit")
                .tag("type", event.getClass().getSimpleName())
                .tag("channel", channel)
                .register(r)
                .increment();
    }

    /**
     * Wraps a hasher so that its work is timed in the same registry as {@value
     * TimedPasswordHasher#METER}.
     *
     * @param hasher the hasher doing the work
     * @return the timed hasher
     */
    public TimedPasswordHasher timed(PasswordHasher hasher) {
        return new TimedPasswordHasher(hasher, registry);
    }
}
