package io.portalinvite.testing;

import io.portalinvite.delivery.EmailSender;
import io.portalinvite.delivery.EmailSender.EmailMessage;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@link EmailSender} that keeps every message instead of sending it, and can be told to fail
 * the next sends. Thread-safe.
 */
public final class CapturingEmailSender extends CapturingSender<EmailMessage> implements EmailSender {

    private static final Pattern TOKEN = Pattern.compile("[?&]token=([A-Za-z0-9_-]{43})");

    /** Creates an empty capture. */
    public CapturingEmailSender() {
        super("simulated SMTP failure");
    }

    @Override
    public void send(EmailMessage message) {
        capture(message);
    }

    /**
     * Returns the last message sent.
     *
     * @return the message
     * @throws IllegalStateException when none was sent
     */
    public EmailMessage last() {
        List<EmailMessage> sent = sent();
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
}
