package io.portalinvite.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.arjuna.ats.internal.jta.transaction.arjunacore.TransactionSynchronizationRegistryImple;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.agroal.narayana.NarayanaTransactionIntegration;
import io.portalinvite.common.PatientId;
import io.portalinvite.event.PortalEvent;
import io.portalinvite.invitation.InviteResult;
import io.portalinvite.invitation.InviteResult.InviteOutcome;
import io.portalinvite.testing.PortalFixture;
import jakarta.transaction.RollbackException;
import jakarta.transaction.Status;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link JtaTransactionRunner} on a real transaction manager (Narayana) with an enlisting pool
 * (Agroal with its Narayana integration) on PostgreSQL: the library's writes join the host's JTA
 * transaction, commit and roll back with it, tell listeners only after its commit, and run in a
 * transaction of the runner's own when the host has none.
 */
class JtaTransactionRunnerTest {

    private static final TestDatabase DB = TestDatabase.postgres();
    private static TransactionManager tm;
    private static TransactionSynchronizationRegistry registry;
    private static AgroalDataSource enlisting;

    private JtaTransactionRunner runner;
    private JdbcPortalStorage storage;
    private PortalFixture f;

    @BeforeAll
    static void startPool() throws SQLException {
        tm = com.arjuna.ats.jta.TransactionManager.transactionManager();
        registry = new TransactionSynchronizationRegistryImple();
        enlisting = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool.maxSize(12)
                        .acquisitionTimeout(Duration.ofSeconds(30))
                        .transactionIntegration(new NarayanaTransactionIntegration(tm, registry))
                        .connectionFactoryConfiguration(cf -> cf.jdbcUrl(DB.jdbcUrl())
                                .principal(new NamePrincipal(DB.user()))
                                .credential(new SimplePassword(DB.password())))));
    }

    @AfterAll
    static void closePool() {
        enlisting.close();
    }

    @BeforeEach
    void fresh() throws SQLException {
        DB.truncate();
        HostPatients.reset(DB.dataSource());
        runner = new JtaTransactionRunner(enlisting, tm, registry);
        storage = JdbcPortalStorage.builder(enlisting).hostTransactions(runner).build();
        f = new PortalFixture(storage);
        f.enablePortal();
        f.events.clear();
    }

    @AfterEach
    void noTransactionLeftOnTheThread() throws Exception {
        assertThat(tm.getStatus()).isEqualTo(Status.STATUS_NO_TRANSACTION);
    }

    @Test
    void inviteWhenHostTransactionCommitsThenStoredSentAndEventOnlyAfterCommit() throws Exception {
        tm.begin();
        savePatient("p1");
        InviteResult invited = f.portal.invitations().invite(f.newPatient("p1").build());
        assertThat(invited.outcome()).isEqualTo(InviteOutcome.INVITED);
        assertThat(tm.getStatus()).as("the host's transaction is still open").isEqualTo(Status.STATUS_ACTIVE);
        assertThat(f.events).as("no event before the commit").isEmpty();
        assertThat(countOutside("pi_invitation"))
                .as("invisible to others before the commit")
                .isZero();

        tm.commit();

        HostPatients.assertCommittedOnePatientAndInvitation(f, enlisting);
    }

    @Test
    void inviteWhenHostTransactionRollsBackThenNothingStoredNothingSentNoEvent() throws Exception {
        long auditBefore = count("pi_audit");
        java.util.List<String> createdLines;
        try (CreatedLogLines log = new CreatedLogLines()) {
            tm.begin();
            savePatient("p1");
            f.portal.invitations().invite(f.newPatient("p1").build());
            tm.rollback();
            createdLines = log.lines();
        }

        assertThat(count("host_patient")).isZero();
        assertThat(count("pi_invitation")).isZero();
        assertThat(count("pi_outbox")).isZero();
        assertThat(count("pi_audit")).isEqualTo(auditBefore);
        assertThat(f.portal.dispatcher().drain()).isZero();
        assertThat(f.email.sent()).isEmpty();
        assertThat(f.events).isEmpty();
        assertThat(createdLines)
                .as("no line about an invitation the rollback undid")
                .isEmpty();
    }

    @Test
    void inviteWhenHostMarksRollbackOnlyAfterwardsThenCommitFailsAndNothingStoredNoEvent() throws Exception {
        tm.begin();
        f.portal.invitations().invite(f.newPatient("p1").build());
        tm.setRollbackOnly();
        assertThatThrownBy(tm::commit).isInstanceOf(RollbackException.class);

        assertThat(count("pi_invitation")).isZero();
        assertThat(f.portal.dispatcher().drain()).isZero();
        assertThat(f.events).isEmpty();
    }

    @Test
    void inviteWhenHostTransactionAlreadyRollbackOnlyThenRefusedAndNothingWritten() throws Exception {
        tm.begin();
        tm.setRollbackOnly();
        assertThatThrownBy(
                        () -> f.portal.invitations().invite(f.newPatient("p1").build()))
                .isInstanceOf(HostTransactionException.class)
                .hasMessageContaining("rollback-only");
        tm.rollback();
        assertThat(count("pi_invitation")).isZero();
        assertThat(f.events).isEmpty();
    }

    @Test
    void inviteWhenNoTransactionThenRunnerBeginsAndCommitsItsOwn() throws Exception {
        f.portal.invitations().invite(f.newPatient("p1").build());

        assertThat(tm.getStatus()).isEqualTo(Status.STATUS_NO_TRANSACTION);
        assertThat(count("pi_invitation")).isEqualTo(1);
        assertThat(f.events).singleElement().isInstanceOf(PortalEvent.InvitationCreated.class);
        assertThat(f.portal.dispatcher().drain()).isEqualTo(2);
    }

    @Test
    void inTransactionWhenNoTransactionAndWorkFailsThenItsOwnTransactionRolledBack() throws Exception {
        AtomicInteger afterCommit = new AtomicInteger();
        assertThatThrownBy(() -> runner.inTransaction(() -> {
                    savePatientUnchecked("p1");
                    runner.afterCommit(afterCommit::incrementAndGet);
                    throw new IllegalStateException("host failure");
                }))
                .hasMessage("host failure");

        assertThat(tm.getStatus()).isEqualTo(Status.STATUS_NO_TRANSACTION);
        assertThat(count("host_patient")).isZero();
        assertThat(afterCommit).hasValue(0);
    }

    @Test
    void inTransactionWhenNestedThenJoinsTheOuterTransactionAndActionsRunOnceAfterItsCommit() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        runner.inTransaction(() -> {
            Transaction outer = currentTransaction();
            savePatientUnchecked("outer");
            runner.inTransaction(() -> {
                assertThat(currentTransaction()).isSameAs(outer);
                savePatientUnchecked("inner");
                runner.afterCommit(() -> order.add("inner action"));
            });
            runner.afterCommit(() -> order.add("outer action"));
            order.add("outer work done");
        });
        assertThat(order).containsExactly("outer work done", "inner action", "outer action");
        assertThat(count("host_patient")).isEqualTo(2);

        assertThatThrownBy(() -> runner.inTransaction(() -> {
                    runner.inTransaction(() -> savePatientUnchecked("inner-2"));
                    throw new IllegalStateException("outer failure");
                }))
                .hasMessage("outer failure");
        assertThat(count("host_patient"))
                .as("the inner write rolled back with the outer")
                .isEqualTo(2);
    }

    @Test
    void inTransactionWhenCalledFromAnAfterCommitActionThenRunsInANewTransaction() throws Exception {
        runner.inTransaction(() -> {
            savePatientUnchecked("first");
            runner.afterCommit(() -> runner.inTransaction(() -> savePatientUnchecked("from the action")));
        });
        assertThat(count("host_patient")).isEqualTo(2);
    }

    @Test
    void defaultStorageWhenJtaTransactionActiveThenRefusedWithTheWayToJoin() throws Exception {
        PortalFixture plain = new PortalFixture(JdbcPortalStorage.create(enlisting));
        tm.begin();
        try {
            assertThatThrownBy(() -> plain.portal
                            .invitations()
                            .invite(plain.newPatient("p1").build()))
                    .isInstanceOf(HostTransactionException.class)
                    .hasMessageContaining("JTA transaction is active")
                    .hasMessageContaining("JtaTransactionRunner");
        } finally {
            tm.rollback();
        }
        assertThat(count("pi_invitation")).isZero();
    }

    @Test
    void runnerWhenDataSourceDoesNotEnlistThenRefused() throws Exception {
        JtaTransactionRunner wrong = new JtaTransactionRunner(DB.dataSource(), tm, registry);
        PortalFixture onPlainPool = new PortalFixture(JdbcPortalStorage.builder(DB.dataSource())
                .hostTransactions(wrong)
                .build());
        tm.begin();
        try {
            assertThatThrownBy(() -> onPlainPool
                            .portal
                            .invitations()
                            .invite(onPlainPool.newPatient("p1").build()))
                    .isInstanceOf(HostTransactionException.class)
                    .hasMessageContaining("did not enlist");
        } finally {
            tm.rollback();
        }
        assertThat(count("pi_invitation")).isZero();
    }

    @Test
    void inviteWhenManyThreadsCommitOrRollBackTheirOwnTransactionThenEachOutcomeIsTheirOwn() throws Exception {
        int threads = 16;
        HostPatients.onThreads(threads, (patient, commit) -> {
            tm.begin();
            savePatient(patient);
            f.portal.invitations().invite(f.newPatient(patient).build());
            if (commit) {
                tm.commit();
            } else {
                tm.rollback();
            }
        });
        assertThat(count("host_patient")).isEqualTo(threads / 2);
        assertThat(count("pi_invitation")).isEqualTo(threads / 2);
        HostPatients.assertOnlyCommittedThreadsHeardOf(f.events, threads);
        assertThat(f.portal.invitations().history(PortalFixture.PRACTICE, PatientId.of("t1")))
                .isEmpty();
    }

    private static Transaction currentTransaction() {
        try {
            return tm.getTransaction();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The host's own write, through the enlisting pool: part of the JTA transaction when one is open. */
    private static void savePatient(String id) throws SQLException {
        try (Connection c = enlisting.getConnection()) {
            HostPatients.save(c, id);
        }
    }

    private static void savePatientUnchecked(String id) {
        try {
            savePatient(id);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(String table) throws SQLException {
        return count(enlisting, table);
    }

    /** Counts through the plain pool: a connection outside any JTA transaction. */
    private static long countOutside(String table) throws SQLException {
        return count(DB.dataSource(), table);
    }

    private static long count(DataSource dataSource, String table) throws SQLException {
        return HostPatients.count(dataSource, table);
    }
}
