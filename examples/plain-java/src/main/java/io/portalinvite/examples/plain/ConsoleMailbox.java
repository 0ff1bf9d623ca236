package io.portalinvite.examples.plain;

import io.portalinvite.delivery.EmailSender;
import io.portalinvite.delivery.EmailSender.EmailMessage;
import io.portalinvite.delivery.SmsSender;
import io.portalinvite.delivery.SmsSender.SmsMessage;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Email and SMS "senders" for the example: they print what would be sent and keep it, so the
 * example can follow the link like an invitee would. A real host plugs in its SMTP server and SMS
 * provider instead; never print real invitation emails, they carry a live link.
 */
final class ConsoleMailbox implements EmailSender, SmsSender {

    private final PrintStream out;
    private final List<EmailMessage> emails = new ArrayList<>();

    ConsoleMailbox(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void send(EmailMessage message) {
        emails.add(message);
        out.println("    [email] To: " + message.to() + "   Subject: " + message.subject());
        message.textBody().lines().forEach(line -> out.println("    [email] | " + line));
    }

    @Override
    public synchronized void send(SmsMessage message) {
        out.println("    [sms]   To: " + message.to().masked() + "   \"" + message.body() + "\"");
    }

    /** Returns the link of the last email, as the invitee would click it. */
    synchronized String lastLink() {
        String body = emails.get(emails.size() - 1).textBody();
        return body.lines()
                .filter(l -> l.startsWith("https://"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no link in the email"));
    }
}
