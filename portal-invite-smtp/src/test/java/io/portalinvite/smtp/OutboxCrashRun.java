package io.portalinvite.smtp;

import com.zaxxer.hikari.HikariDataSource;
import io.portalinvite.PortalInvite;
import java.time.Duration;

/**
 * The dispatcher that {@link OutboxCrashTest} kills: run in a child JVM, it sends the outbox of a
 * PostgreSQL database to an SMTP server until the process is killed.
 */
public final class OutboxCrashRun {

    private OutboxCrashRun() {}

    /**
     * Dispatches until killed.
     *
     * @param args JDBC URL, SMTP port, lease in milliseconds, email result batch
     * @throws InterruptedException never in practice
     */
    public static void main(String[] args) throws InterruptedException {
        String url = args[0];
        int port = Integer.parseInt(args[1]);
        java.util.function.Consumer<PortalInvite.Builder> dispatch =
                OutboxCrashTest.dispatch(Duration.ofMillis(Long.parseLong(args[2])), Integer.parseInt(args[3]));
        HikariDataSource dataSource = DurableOutbox.pool(url, 4);
        SmtpEmailSender sender =
                new SmtpEmailSender(SmtpTestMessages.plainTo(port).build());
        PortalInvite portal = DurableOutbox.portal(dataSource, sender, dispatch);
        portal.dispatcher().start(Duration.ofMillis(20));
        System.out.println("DISPATCHING");
        Thread.sleep(Long.MAX_VALUE);
    }
}
