package io.portalinvite.examples.quarkus;

import io.portalinvite.PortalInvite;
import io.portalinvite.jdbc.JdbcPortalStorage;
import io.portalinvite.jdbc.JtaTransactionRunner;
import io.portalinvite.jdbc.PortalSchema;
import io.portalinvite.token.TokenKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes one {@link PortalInvite} for the application, on Quarkus's datasource (Agroal, which enlists
 * its connections in the current JTA transaction) and Narayana's transaction manager: the library's
 * writes then join the caller's {@code @Transactional} work.
 */
@ApplicationScoped
public class PortalInviteProducer {

    @Produces
    @Singleton
    PortalInvite portalInvite(
            DataSource dataSource,
            TransactionManager transactionManager,
            TransactionSynchronizationRegistry registry,
            Mailbox mailbox,
            PortalEvents events,
            @ConfigProperty(name = "portal.invite.token-key") String tokenKey) {
        // quarkus-producer:begin
        PortalSchema.migrate(dataSource); // or your own Flyway/Liquibase run
        JtaTransactionRunner jta = new JtaTransactionRunner(dataSource, transactionManager, registry);
        JdbcPortalStorage storage =
                JdbcPortalStorage.builder(dataSource).hostTransactions(jta).build();
        return PortalInvite.builder()
                .storage(storage)
                .tokenKey(TokenKey.fromBase64(tokenKey))
                .emailSender(mailbox) // your SMTP sender (SmtpEmailSender)
                .smsSender(mailbox) // your SMS provider (TwilioSmsSender)
                .listener(events) // told after the JTA transaction commits
                .build();
        // quarkus-producer:end
    }

    void close(@Disposes PortalInvite portal) {
        portal.close();
    }
}
