package io.portalinvite.testing;

import io.portalinvite.delivery.DeliveryException;
import io.portalinvite.delivery.SmsMessage;
import io.portalinvite.delivery.SmsSender;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An {@link SmsSender} that keeps every message, and can be told to fail the next sends. Thread-safe. */
public final class CapturingSmsSender implements SmsSender {

    private final List<SmsMessage> sent = new CopyOnWriteArrayList<>();
    private final Deque<DeliveryException> failures = new ArrayDeque<>();

    @Override
    public void send(SmsMessage message) {
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
                failures.add(new DeliveryException("simulated SMS provider failure", permanent));
            }
        }
    }

    /**
     * Returns the messages sent so far.
     *
     * @return the messages, oldest first
     */
    public List<SmsMessage> sent() {
        return List.copyOf(sent);
    }

    /** Forgets the messages sent so far. */
    public void clear() {
        sent.clear();
    }
}
