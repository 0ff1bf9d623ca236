package io.portalinvite.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portalinvite.delivery.EmailSender.EmailMessage;
import io.portalinvite.delivery.OutboundMessage;
import io.portalinvite.delivery.OutboundMessage.MessageKind;
import io.portalinvite.delivery.OutboundMessage.MessageStatus;
import io.portalinvite.invitation.Invitation;
import io.portalinvite.invitation.InviteResult;
import io.portalinvite.invitation.InviteResult.InviteOutcome;
import io.portalinvite.invitation.RegistrationService.CompleteRegistration;
import io.portalinvite.invitation.RegistrationService.RegistrationResult;
import io.portalinvite.testing.PortalFixture;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fault injection on a real database server (checklist L1.7, H1, H3; ASVS 2.3.3 all-or-nothing,
 * 16.5.2 graceful degradation, 16.5.3 fail closed): the server kills the connection in the middle of
 * an invite and of a registration, and the server is unreachable for a while under a running
 * dispatcher. In every case the caller gets a {@link JdbcStoreException} (a {@code PortalInviteException})
 * naming the operation, no {@code pi_} table keeps a trace of the failed unit of work, and a retry
 * succeeds. Dispatcher nodes killed while holding claims are covered by
 * {@link JdbcBehaviourContract#dispatchWhenOneDispatcherDiesMidBatchThenTheOthersFinishItsMessagesAfterTheLease}.
 */
@Timeout(120)
abstract class DatabaseFaultContract {

    private static final List<String> TABLES =
            List.of("pi_settings", "pi_template", "pi_invitation", "pi_account", "pi_access", "pi_outbox", "pi_audit");
    private static final Predicate<String> AUDIT_INSERT = sql -> sql.contains("INSERT INTO pi_audit");
    private static final Predicate<String> ACCESS_INSERT = sql -> sql.startsWith("INSERT INTO pi_access");
    private static final Predicate<String> OUTBOX_RESULT = sql -> sql.startsWith("UPDATE pi_outbox SET status");

    abstract TestDatabase database();

    private FaultyDataSource faulty;
    private PortalFixture f;

    @BeforeEach
    void wire() {
        database().truncate();
        faulty = new FaultyDataSource(database().dataSource(), database().platform());
        // a lease longer than the fake-clock jumps below, as in production where it is renewed
        f = new PortalFixture(
                JdbcPortalStorage.create(faulty.dataSource()), b -> b.dispatcherLease(Duration.ofMinutes(2)));
        f.enablePortal();
    }

    @AfterEach
    void stopDispatcher() {
        f.portal.dispatcher().close();
    }

    // ---------------------------------------------------------------- killed connection: invite

    @Test
    void inviteWhenServerKillsTheConnectionBeforeTheLastWriteThenTypedErrorNothingWrittenAndRetryInvites()
            throws SQLException {
        inviteWhenKilledThenRolledBackAndRetryable(() -> faulty.killBeforeStatement(AUDIT_INSERT));
    }

    @Test
    void inviteWhenServerKillsTheConnectionBetweenWritesAndCommitThenTypedErrorNothingWrittenAndRetryInvites()
            throws SQLException {
        inviteWhenKilledThenRolledBackAndRetryable(faulty::killAtCommit);
    }

    private void inviteWhenKilledThenRolledBackAndRetryable(Runnable arm) throws SQLException {
        Map<String, List<String>> before = snapshot();
        arm.run();

        assertThatThrownBy(
                        () -> f.portal.invitations().invite(f.newPatient("p1").build()))
                .isInstanceOfSatisfying(JdbcStoreException.class, e -> assertConnectionLoss(e));

        assertThat(faulty.kills()).isEqualTo(1);
        assertThat(snapshot()).as("every pi_ table as before the failed invite").isEqualTo(before);
        assertThat(f.portal.dispatcher().drain()).isZero();
        assertThat(f.email.sent()).isEmpty();

        InviteResult retry = f.portal.invitations().invite(f.newPatient("p1").build());
        assertThat(retry.outcome()).isEqualTo(InviteOutcome.INVITED);
        f.portal.dispatcher().drain();
        assertThat(f.email.sent()).hasSize(1);
        assertThat(count("pi_invitation")).isEqualTo(1);
        assertThat(count("pi_outbox")).isEqualTo(2);
    }

    // ---------------------------------------------------------- killed connection: registration

    @Test
    void completeRegistrationWhenServerKillsTheConnectionBeforeTheAccessGrantThenLinkUnusedNoAccountAndRetrySucceeds()
            throws SQLException {
        registrationWhenKilledThenRolledBackAndRetryable(() -> faulty.killBeforeStatement(ACCESS_INSERT));
    }

    @Test
    void completeRegistrationWhenServerKillsTheConnectionBetweenWritesAndCommitThenLinkUnusedNoAccountAndRetrySucceeds()
            throws SQLException {
        registrationWhenKilledThenRolledBackAndRetryable(faulty::killAtCommit);
    }

    private void registrationWhenKilledThenRolledBackAndRetryable(Runnable arm) throws SQLException {
        String token = f.inviteAndDeliver(f.newPatient("p1").build());
        CompleteRegistration request = new CompleteRegistration(
                token, PortalFixture.GOOD_PASSWORD, PortalFixture.GOOD_PASSWORD, PortalFixture.DOB);
        Map<String, List<String>> before = snapshot();
        arm.run();

        assertThatThrownBy(() -> f.portal.registration().complete(request))
                .isInstanceOfSatisfying(JdbcStoreException.class, e -> {
                    assertConnectionLoss(e);
                    assertThat(e.toString()).doesNotContain(token);
                });

        assertThat(faulty.kills()).isEqualTo(1);
        assertThat(snapshot())
                .as("link not used, no account, no grant, no audit of the failed attempt")
                .isEqualTo(before);
        assertThat(f.portal
                        .login()
                        .login("ada.p1@example.org", PortalFixture.GOOD_PASSWORD)
                        .succeeded())
                .isFalse();

        RegistrationResult done = f.portal.registration().complete(request);
        assertThat(done.newAccount()).isTrue();
        assertThat(count("pi_account")).isEqualTo(1);
        assertThat(count("pi_access")).isEqualTo(1);
        assertThat(f.portal
                        .login()
                        .login("ada.p1@example.org", PortalFixture.GOOD_PASSWORD)
                        .succeeded())
                .isTrue();
    }

    // ------------------------------------------------------------ killed connection: dispatcher

    @Test
    void dispatchWhenConnectionDiesWhileRecordingTheResultThenRecordedOnTheNextConnectionAndNotSentTwice()
            throws SQLException {
        // the recorder keeps the result of a failed write and writes it again on a new connection
        Invitation invitation = Objects.requireNonNull(
                f.portal.invitations().invite(f.newPatient("p1").build()).invitation());
        faulty.killBeforeStatement(OUTBOX_RESULT);

        f.portal.dispatcher().drain();

        assertThat(faulty.kills()).isEqualTo(1);
        assertThat(f.email.sent()).hasSize(1);
        assertThat(email(invitation).status()).isEqualTo(MessageStatus.SENT);
        assertThat(email(invitation).attempts()).isEqualTo(1);
        f.clock.advance(Duration.ofMinutes(3));
        f.portal.dispatcher().drain();
        assertThat(f.email.sent()).hasSize(1);
    }

    @Test
    void dispatchWhenClaimLapsedWithoutAResultThenSentAgainWithTheSameMessageIdAndRecordedAsSentAgain()
            throws SQLException {
        // checklist L1.3 / H3: the documented at-least-once duplicate, identical Message-ID and link,
        // and a history that shows it: the lapsed claim's attempt is counted and the audit says so
        Invitation invitation = Objects.requireNonNull(
                f.portal.invitations().invite(f.newPatient("p1").build()).invitation());
        OutboundMessage claimed = f
                .storage
                .transactions()
                .inTransaction(() -> f.storage
                        .outbox()
                        .claimDue(
                                f.clock.instant(),
                                10,
                                "dead-node",
                                f.clock.instant().plusSeconds(30)))
                .stream()
                .filter(m -> m.kind() == MessageKind.INVITATION_EMAIL)
                .findFirst()
                .orElseThrow();
        f.portal.dispatcher().drain();
        assertThat(f.email.sent()).as("held by the dead node's claim").isEmpty();

        f.clock.advance(Duration.ofSeconds(31)); // past the dead node's lease
        f.portal.dispatcher().drain();

        List<EmailMessage> sent = f.email.sent();
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).internetMessageId()).isEqualTo(claimed.internetMessageId());
        assertThat(email(invitation).status()).isEqualTo(MessageStatus.SENT);
        assertThat(email(invitation).attempts())
                .as("the unrecorded attempt and this one")
                .isEqualTo(2);
        try (Connection c = database().dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT details FROM pi_audit WHERE action = 'DELIVERY_SENT'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).contains("sentAgain").contains("unrecorded result");
        }
    }

    // ----------------------------------------------------------------- database unreachable

    @Test
    void dispatchWhenDatabaseUnreachableForAWhileThenDispatcherBacksOffAndDeliversEverythingAfterwards()
            throws Exception {
        int invitations = 20;
        for (int i = 0; i < invitations; i++) {
            f.portal.invitations().invite(f.newPatient("p" + i).build());
        }
        faulty.unavailable(true);
        assertThatThrownBy(
                        () -> f.portal.invitations().invite(f.newPatient("late").build()))
                .isInstanceOfSatisfying(
                        JdbcStoreException.class,
                        e -> assertThat(e.getMessage())
                                .contains("begin transaction")
                                .contains("08001"));
        int attemptsBefore = faulty.connectionAttempts();

        f.portal.dispatcher().start(Duration.ofMillis(10));
        Thread.sleep(2_000);
        int attemptsWhileDown = faulty.connectionAttempts() - attemptsBefore;
        faulty.unavailable(false);

        // a fixed 10 ms pause would make ~200 attempts in 2 s; doubling up to 320 ms makes about a dozen
        assertThat(attemptsWhileDown)
                .as("connection attempts during a 2 s outage")
                .isBetween(2, 40);
        awaitSent(MessageKind.INVITATION_EMAIL, invitations);
        f.clock.advance(Duration.ofMinutes(1)); // SMS notices wait for their email
        awaitSent(MessageKind.INVITATION_SMS_NOTICE, invitations);
        f.portal.dispatcher().close();

        assertThat(f.email.sent()).hasSize(invitations);
        assertThat(f.email.sent().stream().map(m -> m.to().value()).collect(Collectors.toSet()))
                .hasSize(invitations);
        assertThat(f.sms.sent()).hasSize(invitations);
        assertThat(count("pi_invitation"))
                .as("the invite refused during the outage left nothing")
                .isEqualTo(invitations);
        System.out.printf(
                "FAULT %s: 2 s outage under a 10 ms dispatcher: %d connection attempts, then %d emails and "
                        + "%d SMS delivered%n",
                database(), attemptsWhileDown, invitations, invitations);
    }

    // ------------------------------------------------------------------------------- helpers

    private static void assertConnectionLoss(JdbcStoreException e) {
        assertThat(e.sqlState()).as("SQL state of %s", e).isNotNull();
        assertThat(e.getMessage()).startsWith("Database operation failed: ");
    }

    private void awaitSent(MessageKind kind, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && sent(kind) < expected) {
            Thread.sleep(20);
        }
        assertThat(sent(kind)).as("%s sent after the outage", kind).isEqualTo(expected);
    }

    private long sent(MessageKind kind) {
        try (Connection c = database().dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT COUNT(*) FROM pi_outbox WHERE status = 'SENT' AND kind = '" + kind.name() + "'")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private OutboundMessage email(Invitation invitation) {
        return f.portal.invitations().deliveries(PortalFixture.PRACTICE, invitation.id()).stream()
                .filter(m -> m.kind() == MessageKind.INVITATION_EMAIL)
                .findFirst()
                .orElseThrow();
    }

    private long count(String table) throws SQLException {
        try (Connection c = database().dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Every row of every pi_ table as text, sorted, so that any insert, update or delete shows. */
    private Map<String, List<String>> snapshot() throws SQLException {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        try (Connection c = database().dataSource().getConnection();
                Statement s = c.createStatement()) {
            for (String table : TABLES) {
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= columns; i++) {
                            row.append(rs.getMetaData().getColumnName(i))
                                    .append('=')
                                    .append(rs.getString(i))
                                    .append(';');
                        }
                        rows.add(row.toString());
                    }
                }
                rows.sort(null);
                tables.put(table, rows);
            }
        }
        assertThat(tables.keySet()).isEqualTo(Set.copyOf(TABLES));
        return tables;
    }
}
