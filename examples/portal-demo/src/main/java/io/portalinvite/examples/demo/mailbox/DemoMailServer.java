package io.portalinvite.examples.demo.mailbox;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The in-process SMTP server (GreenMail) that receives the demo's emails on loopback. The library's
 * own {@code SmtpEmailSender} delivers to it, exactly as it would to a practice's mail relay.
 */
public class DemoMailServer implements AutoCloseable {

    private final GreenMail greenMail;

    /**
     * Starts the server on 127.0.0.1.
     *
     * @param port the port, or 0 for a free one
     */
    public DemoMailServer(int port) {
        ServerSetup setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        if (port == 0) {
            setup = setup.dynamicPort();
        }
        this.greenMail = new GreenMail(setup);
        greenMail.start();
    }

    /**
     * Returns the port the server listens on.
     *
     * @return the port
     */
    public int port() {
        return greenMail.getSmtp().getPort();
    }

    /**
     * Returns every email received so far, newest first.
     *
     * @return the emails
     */
    public List<ReceivedEmail> received() {
        List<ReceivedEmail> emails = new ArrayList<>();
        MimeMessage[] messages = greenMail.getReceivedMessages();
        for (int i = 0; i < messages.length; i++) {
            emails.add(ReceivedEmail.of(i + 1, messages[i]));
        }
        emails.sort(Comparator.comparingInt(ReceivedEmail::number).reversed());
        return emails;
    }

    /** Stops the server. */
    @Override
    public void close() {
        greenMail.stop();
    }
}
