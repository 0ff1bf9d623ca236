package io.portalinvite.examples.quarkus;

import io.portalinvite.delivery.EmailSender;
import io.portalinvite.delivery.EmailSender.EmailMessage;
import io.portalinvite.delivery.SmsSender;
import io.portalinvite.delivery.SmsSender.SmsMessage;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Keeps what would be sent, in place of an SMTP server and an SMS provider, so the example runs
 * anywhere. A real host uses {@code SmtpEmailSender} and {@code TwilioSmsSender}.
 */
@ApplicationScoped
public class Mailbox implements EmailSender, SmsSender {

    private final List<String> sent = new CopyOnWriteArrayList<>();

    @Override
    public void send(EmailMessage message) {
        sent.add("email to " + message.to());
    }

    @Override
    public void send(SmsMessage message) {
        sent.add("sms to " + message.to().masked());
    }

    /**
     * Returns what was sent, one line per message.
     *
     * @return the messages
     */
    public List<String> sent() {
        return List.copyOf(sent);
    }
}
