package io.portalinvite.examples.demo.mailbox;

import io.portalinvite.delivery.SmsSender;
import io.portalinvite.delivery.SmsSender.SmsMessage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An SMS "provider" that keeps the notices instead of sending them, for the mailbox page. Used unless
 * {@code portal.invite.sms.twilio.account-sid} is set.
 */
public class RecordingSmsSender implements SmsSender {

    /** The most notices kept; older ones are dropped. */
    static final int CAPACITY = 500;

    private final Clock clock;
    private final List<RecordedSms> sent = new ArrayList<>();

    /**
     * Creates the sender.
     *
     * @param clock to time-stamp notices
     */
    public RecordingSmsSender(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void send(SmsMessage message) {
        sent.add(new RecordedSms(sent.size() + 1, message.to().e164(), message.body(), clock.instant()));
        if (sent.size() > CAPACITY) {
            sent.remove(0);
        }
    }

    /**
     * Returns the recorded notices, newest first.
     *
     * @return the notices
     */
    public synchronized List<RecordedSms> sent() {
        List<RecordedSms> copy = new ArrayList<>(sent);
        Collections.reverse(copy);
        return copy;
    }

    /**
     * One recorded SMS notice.
     *
     * @param number its position in sending order, from 1
     * @param to the recipient in E.164 form
     * @param body the text
     * @param sentAt when it was handed over
     */
    public record RecordedSms(int number, String to, String body, Instant sentAt) {}
}
