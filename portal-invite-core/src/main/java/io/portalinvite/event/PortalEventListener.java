package io.portalinvite.event;

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
}
