package io.portalinvite.testing;

import io.portalinvite.delivery.DeliveryException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Keeps every message it is given instead of sending it, and can be told to fail the next sends.
 * Thread-safe.
 *
 * @param <M> the message type
 */
abstract class CapturingSender<M> {

    private final List<M> sent = new CopyOnWriteArrayList<>();
    private final Deque<DeliveryException> failures = new ArrayDeque<>();
    private final String failureText;

    CapturingSender(String failureText) {
        this.failureText = failureText;
    }

    void capture(M message) {
        DeliveryException failure;
        synchronized (failures) {
            failure = failures.poll();
        }
        if (failure != null) {
            throw failure;
        }
        sent.add(message);
    }

    /**
     * Makes the next {@code count} sends fail.
     *
     * @param count how many
     * @param permanent whether the failures are permanent
     */
    public void failNext(int count, boolean permanent) {
        synchronized (failures) {
            for (int i = 0; i < count; i++) {
                failures.add(new DeliveryException(failureText, permanent));
            }
        }
    }

    /**
     * Returns the messages sent so far.
     *
     * @return the messages, oldest first
     */
    public List<M> sent() {
        return List.copyOf(sent);
    }

    /** Forgets the messages sent so far. */
    public void clear() {
        sent.clear();
    }
}
