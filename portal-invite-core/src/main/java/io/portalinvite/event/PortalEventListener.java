package io.portalinvite.event;

import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Receives {@link PortalEvent}s after the change they describe has committed. Called on the thread
 * that made the change (or the dispatcher's thread); keep it quick and hand slow work elsewhere.
 * An exception thrown here is logged and does not undo anything.
 */
@FunctionalInterface
public interface PortalEventListener {

    /**
     * Handles an event.
     *
     * @param event what happened
     */
    void onEvent(PortalEvent event);

    /**
     * Returns one listener that tells each of the given listeners in order, logging (and otherwise
     * ignoring) any exception one of them throws, so that one failing listener neither stops the
     * others nor reaches the change that raised the event.
     *
     * @param listeners the listeners, called in order
     * @return the combined listener
     */
    static PortalEventListener inOrder(List<PortalEventListener> listeners) {
        List<PortalEventListener> all = List.copyOf(listeners);
        return event -> {
            for (PortalEventListener listener : all) {
                try {
                    listener.onEvent(event);
                } catch (RuntimeException e) {
                    LoggerFactory.getLogger(PortalEventListener.class)
                            .warn(
                                    "portal event listener {} failed on {}",
                                    listener.getClass().getName(),
                                    event.getClass().getSimpleName(),
                                    e);
                }
            }
        };
    }
}
