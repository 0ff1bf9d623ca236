package io.portalinvite.examples.quarkus;

import io.portalinvite.event.PortalEvent;
import io.portalinvite.event.PortalEventListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The portal's events, as a host would forward them to its own messaging; heard after commit only. */
@ApplicationScoped
public class PortalEvents implements PortalEventListener {

    private final List<PortalEvent> heard = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(PortalEvent event) {
        heard.add(event);
    }

    /**
     * Returns the events heard so far.
     *
     * @return the events
     */
    public List<PortalEvent> heard() {
        return List.copyOf(heard);
    }
}
