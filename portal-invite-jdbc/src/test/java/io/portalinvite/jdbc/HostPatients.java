package io.portalinvite.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalinvite.event.PortalEvent;
import io.portalinvite.testing.PortalFixture;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/** The host's own table in the host-transaction tests: a patient row written next to the library's rows. */
final class HostPatients {

    private HostPatients() {}

    /** Creates the table when missing and empties it. */
    static void reset(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS host_patient (id VARCHAR(64) PRIMARY KEY, family_name VARCHAR(100))");
            s.execute("DELETE FROM host_patient");
        }
    }

    /** The host's insert of a patient, on the connection given (part of whatever transaction it is in). */
    static void save(Connection connection, String id) throws SQLException {
        try (PreparedStatement ps =
                connection.prepareStatement("INSERT INTO host_patient (id, family_name) VALUES (?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, "Lovelace");
            ps.executeUpdate();
        }
    }

    /** Counts a table's committed rows through a connection of its own. */
    static long count(DataSource dataSource, String table) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Asserts what one committed host transaction leaves: its patient and its invitation stored, the
     * creation heard of once, and the email and SMS notice sent by the dispatcher.
     */
    static void assertCommittedOnePatientAndInvitation(PortalFixture f, DataSource dataSource) throws SQLException {
        assertThat(f.events).singleElement().isInstanceOf(PortalEvent.InvitationCreated.class);
        assertThat(count(dataSource, "host_patient")).isEqualTo(1);
        assertThat(count(dataSource, "pi_invitation")).isEqualTo(1);
        assertThat(f.portal.dispatcher().drain()).isEqualTo(2);
        assertThat(f.email.sent()).hasSize(1);
        assertThat(f.sms.sent()).hasSize(1);
    }

    /** One host unit of work: the patient id it saves, and whether it commits. */
    @FunctionalInterface
    interface HostWork {
        void run(String patientId, boolean commit) throws Exception;
    }

    /**
     * Runs {@code threads} units of work on eight threads at once, for patients {@code t0, t1…};
     * even-numbered ones commit, odd-numbered ones roll back. Fails with the first unit's failure.
     */
    static void onThreads(int threads, HostWork work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String patient = "t" + i;
                boolean commit = i % 2 == 0;
                done.add(pool.submit(() -> {
                    work.run(patient, commit);
                    return null;
                }));
            }
            for (Future<?> d : done) {
                d.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Asserts that listeners heard of exactly the invitations of patients {@code t0, t2, t4…}: the
     * threads that committed, when even-numbered threads commit and odd-numbered ones roll back.
     */
    static void assertOnlyCommittedThreadsHeardOf(List<PortalEvent> events, int threads) {
        assertThat(events)
                .hasSize(threads / 2)
                .allSatisfy(e -> assertThat(e)
                        .isInstanceOfSatisfying(
                                PortalEvent.InvitationCreated.class,
                                created -> assertThat(Integer.parseInt(created.patientId()
                                                        .value()
                                                        .substring(1))
                                                % 2)
                                        .as("only committing threads are heard of")
                                        .isZero()));
    }
}
