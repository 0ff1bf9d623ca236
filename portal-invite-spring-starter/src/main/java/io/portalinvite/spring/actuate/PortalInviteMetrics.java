package io.portalinvite.spring.actuate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.portalinvite.event.PortalEvent;
import io.portalinvite.event.PortalEvent.PortalEventListener;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Counts portal-invite events in Micrometer as {@code portal.invite.events}, tagged with
 * {@code type} (InvitationCreated, MessageSent, MessageFailed, AccountLocked...) and {@code channel}
 * (EMAIL, SMS, or none). The registry is looked up at the first event, so this listener can be
 * created before the registry.
 */
public final class PortalInviteMetrics implements PortalEventListener {

    /** The counter's name. */
    public static final String METER = "portal.invite.events";

    private final Supplier<@Nullable MeterRegistry> registry;

    /**
     * Creates the listener.
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
}
