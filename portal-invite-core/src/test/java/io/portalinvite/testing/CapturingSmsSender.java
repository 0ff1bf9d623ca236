package io.portalinvite.testing;

import io.portalinvite.delivery.SmsSender;
import io.portalinvite.delivery.SmsSender.SmsMessage;

/** An {@link SmsSender} that keeps every message, and can be told to fail the next sends. Thread-safe. */
public final class CapturingSmsSender extends CapturingSender<SmsMessage> implements SmsSender {

    /** Creates an empty capture. */
    public CapturingSmsSender() {
        super("simulated SMS provider failure");
    }

    @Override
    public void send(SmsMessage message) {
        capture(message);
    }
}
