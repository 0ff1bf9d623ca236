package io.portalinvite.examples.plain;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.portalinvite.PortalInvite;
import io.portalinvite.common.PracticeId;
import io.portalinvite.common.StaffId;
import io.portalinvite.delivery.EmailSender;
import io.portalinvite.delivery.SmsSender;
import io.portalinvite.health.OutboxHealth;
import io.portalinvite.invitation.InviteRequest;
import io.portalinvite.invitation.InviteResult;
import io.portalinvite.jdbc.HostTransaction;
import io.portalinvite.jdbc.JdbcPortalStorage;
import io.portalinvite.jdbc.PortalSchema;
import io.portalinvite.micrometer.OutboxBacklogMetrics;
import io.portalinvite.micrometer.PortalInviteMetrics;
import io.portalinvite.password.Argon2idPasswordHasher;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.token.TokenKey;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * A practice-management backend without Spring: its own HikariCP pool and its own JDBC
 * transactions. Staff add a new patient at booking with "Send Patient Portal Access": the patient,
 * the appointment and the invitation are saved in one transaction on the host's connection. The
 * first booking commits (invited, email and SMS notice sent, counted in Micrometer); the second
 * takes a slot that is already booked, so the host rolls back and nothing is stored or sent. The
 * outbox health check and the meters are printed along the way.
 *
 * <p>Run it with {@code mvn -q -pl examples/plain-java -am test-compile exec:java
 * -Dexec.mainClass=io.portalinvite.examples.plain.NonSpringHost}.
 */
public final class NonSpringHost {

    private static final PracticeId PRACTICE = PracticeId.of("sunrise-clinic");

    private final DataSource dataSource;
    private final JdbcPortalStorage storage;
    private final PortalInvite portal;

    private NonSpringHost(DataSource dataSource, JdbcPortalStorage storage, PortalInvite portal) {
        this.dataSource = dataSource;
        this.storage = storage;
        this.portal = portal;
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     * @throws SQLException when the in-memory database fails
     */
    public static void main(String[] args) throws SQLException {
        run(System.out);
    }

    static void run(PrintStream out) throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:clinic-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        config.setUsername("sa");
        config.setPassword("");
        try (HikariDataSource pool = new HikariDataSource(config)) {
            createHostTables(pool);
            SimpleMeterRegistry registry = new SimpleMeterRegistry(); // your registry (Prometheus, OTLP, ...)
            EmailSender email = message -> out.println("    [email] to " + message.to());
            SmsSender sms =
                    message -> out.println("    [sms]   to " + message.to().masked());

            // non-spring-setup:begin
            PortalSchema.migrate(pool); // the pi_* tables next to yours
            JdbcPortalStorage storage = JdbcPortalStorage.create(pool);
            PortalInviteMetrics metrics = new PortalInviteMetrics(registry);
            PortalInvite portal = PortalInvite.builder()
                    .storage(storage)
                    .tokenKey(TokenKey.generate()) // TokenKey.fromBase64(secret) in production
                    .emailSender(email)
                    .smsSender(sms)
                    .listener(metrics) // portal.invite.events by type and channel
                    .passwordHasher(metrics.timed(new Argon2idPasswordHasher())) // portal.invite.password.hashing
                    .build();
            new OutboxBacklogMetrics(storage).bindTo(registry); // portal.invite.outbox.* gauges
            OutboxHealth health = new OutboxHealth(storage); // for your /health endpoint
            // non-spring-setup:end

            try (portal) {
                portal.settings()
                        .save(
                                PortalSettings.builder(PRACTICE)
                                        .enabled(true)
                                        .practiceName("Sunrise Family Clinic")
                                        .invitationLinkBase("https://portal.sunrise.example/invitation")
                                        .build(),
                                StaffId.of("admin-1"));
                NonSpringHost host = new NonSpringHost(pool, storage, portal);
                LocalDateTime nineAm = LocalDateTime.of(2027, 3, 1, 9, 0);

                out.println("1. New patient Ada, booked at 09:00, with portal access");
                host.addPatientAtBooking("PT-2001", "Ada", "Lovelace", "ada.lovelace@example.org", nineAm, out);
                out.println("   outbox health: " + health.check());

                out.println("2. New patient Grace, also booked at 09:00: the slot is taken");
                try {
                    host.addPatientAtBooking("PT-2002", "Grace", "Hopper", "grace.hopper@example.org", nineAm, out);
                } catch (SQLException e) {
                    out.println("   the host rolled back: " + e.getClass().getSimpleName() + " (slot taken)");
                }
                out.println("   outbox health: " + health.check());

                out.println("3. The dispatcher sends what was committed");
                int sent = portal.dispatcher().drain();
                out.println("   sent " + sent + " messages");
                out.println("   outbox health: " + health.check());
                out.println("   stored: patients=" + count(pool, "patient") + ", invitations="
                        + count(pool, "pi_invitation") + ", appointments=" + count(pool, "appointment"));
                out.println("4. Meters");
                registry.getMeters().stream()
                        .filter(m -> m.getId().getName().startsWith("portal.invite"))
                        .sorted((a, b) ->
                                a.getId().toString().compareTo(b.getId().toString()))
                        .forEach(m -> out.println("   " + describe(m)));
            }
        }
    }

    /**
     * The booking screen's save: the patient, the appointment and (when asked) the invitation in one
     * transaction of the host's own. If any of it fails, nothing is stored and nothing is sent.
     */
    void addPatientAtBooking(
            String patientId, String givenName, String familyName, String email, LocalDateTime slot, PrintStream out)
            throws SQLException {
        InviteRequest request = InviteRequest.newPatient(PRACTICE.value(), "reception-1")
                .patientId(patientId)
                .name(givenName, familyName)
                .dateOfBirth(LocalDate.of(1990, 5, 17))
                .email(email)
                .mobile("0412 345 678")
                .build();
        // non-spring-join:begin
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (HostTransaction tx = storage.join(connection)) {
                insertPatient(connection, patientId, givenName, familyName); // your own SQL
                InviteResult invited = tx.run(() -> portal.invitations().invite(request)); // same transaction
                insertAppointment(connection, patientId, slot); // may fail: the slot is taken
                connection.commit();
                tx.committed(); // now listeners hear of it; the dispatcher sees the messages
                out.println("   committed: " + invited.outcome());
            } catch (SQLException | RuntimeException e) {
                connection.rollback(); // patient, appointment and invitation are gone; nothing is sent
                throw e;
            }
        }
        // non-spring-join:end
    }

    private static void createHostTables(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE patient (id VARCHAR(40) PRIMARY KEY, given_name VARCHAR(100),"
                    + " family_name VARCHAR(100))");
            s.execute("CREATE TABLE appointment (slot TIMESTAMP PRIMARY KEY, patient_id VARCHAR(40))");
        }
    }

    private static void insertPatient(Connection c, String id, String givenName, String familyName)
            throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("INSERT INTO patient (id, given_name, family_name) VALUES (?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, givenName);
            ps.setString(3, familyName);
            ps.executeUpdate();
        }
    }

    private static void insertAppointment(Connection c, String patientId, LocalDateTime slot) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO appointment (slot, patient_id) VALUES (?, ?)")) {
            ps.setObject(1, slot);
            ps.setString(2, patientId);
            ps.executeUpdate();
        }
    }

    private static long count(DataSource dataSource, String table) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String describe(Meter meter) {
        StringBuilder line = new StringBuilder(meter.getId().getName());
        meter.getId()
                .getTags()
                .forEach(t -> line.append(' ').append(t.getKey()).append('=').append(t.getValue()));
        meter.measure()
                .forEach(m -> line.append(' ')
                        .append(m.getStatistic().name().toLowerCase(Locale.ROOT))
                        .append('=')
                        .append(m.getValue()));
        return line.toString();
    }
}
