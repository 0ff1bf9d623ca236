package io.portalinvite.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portalinvite.invitation.InviteResult;
import io.portalinvite.testing.PortalFixture;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A plain-JDBC host that saves its patient and invites in one transaction on its own pooled
 * connection ({@link JdbcPortalStorage#join}): its commit stores both, lets the message be sent and
 * tells listeners; its rollback leaves nothing stored, nothing sent and no event.
 */
abstract class HostTransactionContract {

    abstract TestDatabase database();

    private JdbcPortalStorage storage;
    private PortalFixture f;
    private DataSource hostPool;

    @BeforeEach
    void freshTables() throws SQLException {
        storage = database().freshStorage();
        hostPool = database().dataSource();
        HostPatients.reset(hostPool);
        f = new PortalFixture(storage);
        f.enablePortal();
        f.events.clear();
    }

    @AfterEach
    void nothingLeftBound() {
        assertThat(storage.currentConnection())
                .as("no connection left bound to the thread")
                .isEmpty();
    }

    @Test
    void inviteWhenHostCommitsThenStoredSentAndEventOnlyAfterCommit() throws SQLException {
        try (CreatedLogLines log = new CreatedLogLines();
                Connection connection = hostPool.getConnection()) {
            connection.setAutoCommit(false);
            try (HostTransaction tx = storage.join(connection)) {
                savePatient(connection, "p1");
                InviteResult invited = tx.run(
                        () -> f.portal.invitations().invite(f.newPatient("p1").build()));
                assertThat(invited.outcome()).isEqualTo(io.portalinvite.invitation.InviteResult.InviteOutcome.INVITED);

                assertThat(f.events).as("no event before the host commits").isEmpty();
                assertThat(log.lines())
                        .as("no log line before the host commits")
                        .isEmpty();
                assertThat(count("pi_invitation"))
                        .as("not visible to others before the commit")
                        .isZero();
                assertThat(f.portal.dispatcher().drain())
                        .as("nothing to send before the commit")
                        .isZero();

                connection.commit();
                tx.committed();
            }
            assertThat(log.lines()).as("one line once committed").hasSize(1);
            assertThat(connection.isClosed())
                    .as("the host's connection stays open")
                    .isFalse();
        }

        HostPatients.assertCommittedOnePatientAndInvitation(f, hostPool);
    }

    @Test
    void inviteWhenHostRollsBackThenNothingStoredNothingSentNoEvent() throws SQLException {
        long auditBefore = count("pi_audit");
        List<String> createdLines;
        try (CreatedLogLines log = new CreatedLogLines();
                Connection connection = hostPool.getConnection()) {
            connection.setAutoCommit(false);
            try (HostTransaction tx = storage.join(connection)) {
                savePatient(connection, "p1");
                tx.run(() -> f.portal.invitations().invite(f.newPatient("p1").build()));
                connection.rollback();
                tx.rolledBack();
            }
            createdLines = log.lines();
        }

        assertThat(count("host_patient")).isZero();
        assertThat(count("pi_invitation")).isZero();
        assertThat(count("pi_outbox")).isZero();
        assertThat(count("pi_audit")).isEqualTo(auditBefore);
        assertThat(f.portal.dispatcher().drain()).isZero();
        assertThat(f.email.sent()).isEmpty();
        assertThat(f.sms.sent()).isEmpty();
        assertThat(f.events).isEmpty();
        assertThat(createdLines)
                .as("no line about an invitation the rollback undid")
                .isEmpty();
    }

    @Test
    void inviteWhenHostFailsAfterInviteAndClosesWithoutCommittedThenNoEvent() throws SQLException {
        try (Connection connection = hostPool.getConnection()) {
            connection.setAutoCommit(false);
            assertThatThrownBy(() -> {
                        try (HostTransaction tx = storage.join(connection)) {
                            tx.run(() -> f.portal
                                    .invitations()
                                    .invite(f.newPatient("p1").build()));
                            savePatient(connection, "p1");
                            savePatient(connection, "p1"); // the host's own duplicate key
                            connection.commit();
                            tx.committed();
                        }
                    })
                    .isInstanceOf(SQLException.class);
            connection.rollback();
        }
        assertThat(count("pi_invitation")).isZero();
        assertThat(f.portal.dispatcher().drain()).isZero();
        assertThat(f.events).isEmpty();
    }

    @Test
    void runWhenHostConnectionInAutoCommitThenRefusedAndNothingWritten() throws SQLException {
        try (Connection connection = hostPool.getConnection();
                HostTransaction tx = storage.join(connection)) {
            connection.setAutoCommit(true);
            assertThatThrownBy(() -> tx.run(() ->
                            f.portal.invitations().invite(f.newPatient("p1").build())))
                    .isInstanceOf(HostTransactionException.class)
                    .hasMessageContaining("setAutoCommit(false)");
        }
        assertThat(count("pi_invitation")).isZero();
        assertThat(f.events).isEmpty();
    }

    @Test
    void runWhenAlreadyReportedCommittedThenRefused() throws SQLException {
        try (Connection connection = hostPool.getConnection()) {
            connection.setAutoCommit(false);
            HostTransaction tx = storage.join(connection);
            tx.run(() -> f.portal.invitations().invite(f.newPatient("p1").build()));
            connection.commit();
            tx.committed();

            assertThatThrownBy(() -> tx.run(() ->
                            f.portal.invitations().invite(f.newPatient("p2").build())))
                    .isInstanceOf(HostTransactionException.class)
                    .hasMessageContaining("already reported committed");
            assertThatThrownBy(tx::committed).isInstanceOf(HostTransactionException.class);
            connection.rollback();
        }
        assertThat(count("pi_invitation")).isEqualTo(1);
        assertThat(f.events).hasSize(1);
    }

    @Test
    void runWhenNestedThenJoinsTheSameConnectionAndOtherJoinRefused() throws SQLException {
        try (Connection connection = hostPool.getConnection();
                Connection other = hostPool.getConnection()) {
            connection.setAutoCommit(false);
            other.setAutoCommit(false);
            try (HostTransaction tx = storage.join(connection);
                    HostTransaction second = storage.join(other)) {
                tx.run(() -> {
                    assertThat(storage.currentConnection()).containsSame(connection);
                    tx.run(() ->
                            f.portal.invitations().invite(f.newPatient("p1").build()));
                    assertThatThrownBy(() -> second.run(() -> null)).isInstanceOf(HostTransactionException.class);
                    assertThatThrownBy(() -> storage.transactions().inTransaction(() -> {
                                f.portal.invitations().invite(f.newPatient("p2").build());
                                throw new IllegalStateException("inner failure");
                            }))
                            .hasMessage("inner failure");
                });
                connection.rollback();
            }
        }
        assertThat(count("pi_invitation"))
                .as("nested library transactions joined the host's")
                .isZero();
    }

    @Test
    void joinWhenManyHostThreadsCommitOrRollBackThenEachOutcomeIsTheirOwn() throws Exception {
        int threads = 16;
        HostPatients.onThreads(threads, (patient, commit) -> {
            try (Connection connection = hostPool.getConnection()) {
                connection.setAutoCommit(false);
                try (HostTransaction tx = storage.join(connection)) {
                    savePatient(connection, patient);
                    tx.run(() ->
                            f.portal.invitations().invite(f.newPatient(patient).build()));
                    if (commit) {
                        connection.commit();
                        tx.committed();
                    } else {
                        connection.rollback();
                    }
                }
            }
            assertThat(storage.currentConnection()).isEmpty();
        });
        assertThat(count("host_patient")).isEqualTo(threads / 2);
        assertThat(count("pi_invitation")).isEqualTo(threads / 2);
        HostPatients.assertOnlyCommittedThreadsHeardOf(f.events, threads);
        assertThat(f.portal.dispatcher().drain()).isEqualTo(threads);
    }

    @Test
    void joinWhenStorageJoinsAnotherTransactionManagerThenRefused() throws SQLException {
        JdbcTransactionRunner other = new JdbcTransactionRunner(hostPool);
        JdbcPortalStorage joined = JdbcPortalStorage.builder(hostPool)
                .hostTransactions(new DelegatingRunner(other), other)
                .build();
        try (Connection connection = hostPool.getConnection()) {
            assertThatThrownBy(() -> joined.join(connection)).isInstanceOf(HostTransactionException.class);
        }
    }

    private static void savePatient(Connection connection, String id) throws SQLException {
        HostPatients.save(connection, id);
    }

    private long count(String table) throws SQLException {
        return HostPatients.count(hostPool, table);
    }

    /** A host transaction manager other than the library's own runner. */
    private record DelegatingRunner(JdbcTransactionRunner delegate) implements io.portalinvite.tx.TransactionRunner {
        @Override
        public <T> T inTransaction(java.util.function.Supplier<T> work) {
            return delegate.inTransaction(work);
        }

        @Override
        public void afterCommit(Runnable action) {
            delegate.afterCommit(action);
        }
    }
}
