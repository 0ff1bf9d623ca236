package io.portalinvite.testing;

import io.portalinvite.delivery.DeliveryException;
import io.portalinvite.delivery.EmailMessage;
import io.portalinvite.delivery.EmailSender;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@link EmailSender} that keeps every message instead of sending it, and can be told to fail
 * the next sends. Thread-safe.
 */
public final class CapturingEmailSender implements EmailSender {

    private static final Pattern TOKEN = Pattern.compile("[?&]token=([A-Za-z0-9_-]{43})");

    private final List<EmailMessage> sent = new CopyOnWriteArrayList<>();
    private final Deque<DeliveryException> failures = new ArrayDeque<>();

    @Override
    public void send(EmailMessage message) {
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
                failures.add(new DeliveryException("simulated SMTP failure", permanent));
            }
        }
    }

    /**
     * Returns the messages sent so far.
     *
     * @return the messages, oldest first
     */
    public List<EmailMessage> sent() {
        return List.copyOf(sent);
    }

    /**
     * Returns the last message sent.
     *
     * @return the message
     * @throws IllegalStateException when none was sent
     */
    public EmailMessage last() {
        if (sent.isEmpty()) {
            throw new IllegalStateException("no email was sent");
        }
        return sent.get(sent.size() - 1);
    }

    /**
     * Extracts the invitation token from a message's link, as an invitee's browser would.
     *
     * @param message the message
     * @return the token
     */
    public static String tokenIn(EmailMessage message) {
        Matcher m = TOKEN.matcher(message.textBody());
        if (!m.find()) {
            throw new IllegalStateException("no invitation link in the email");
        }
        return m.group(1);
    }

    /**
     * Extracts the token from the last message sent.
     *
     * @return the token
     */
    public String lastToken() {
        return tokenIn(last());
    }

    /** Forgets the messages sent so far. */
    public void clear() {
        sent.clear();
    }
}
