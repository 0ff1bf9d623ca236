package io.portalinvite.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.portalinvite.account.AccountStore;
import io.portalinvite.account.PortalAccount;
import io.portalinvite.audit.AuditAction;
import io.portalinvite.audit.AuditEvent;
import io.portalinvite.audit.AuditStore;
import io.portalinvite.common.Actor;
import io.portalinvite.common.PatientId;
import io.portalinvite.delivery.OutboundMessage;
import io.portalinvite.delivery.OutboundMessage.MessageKind;
import io.portalinvite.delivery.OutboxStore;
import io.portalinvite.invitation.Invitation;
import io.portalinvite.invitation.InvitationStore;
import io.portalinvite.party.EmailAddress;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.settings.SettingsOverrides;
import io.portalinvite.settings.SettingsStore;
import io.portalinvite.storage.PortalStorage;
import io.portalinvite.testing.MutableClock;
import io.portalinvite.testing.PortalFixture;
import io.portalinvite.testing.StoreTestData;
import io.portalinvite.tx.TransactionRunner;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What only a real database can show: rollback of a failure in the middle of an invite, instants
 * independent of the session time zone, hostile text stored verbatim, and the outbox shared by
 * several dispatchers, one of which dies mid-batch.
 */
abstract class JdbcBehaviourContract {

    private static final int MESSAGES = 10_000;

    abstract TestDatabase database();

    private JdbcPortalStorage storage;

    @BeforeEach
    void freshTables() {
        storage = database().freshStorage();
    }

    @Test
    void inviteWhenFailureInjectedAfterInvitationInsertThenNothingWritten() throws SQLException {
        PortalStorage failing = new FailingOutbox(storage);
        PortalFixture f = new PortalFixture(failing);
        f.enablePortal();

        assertThatThrownBy(
                        () -> f.portal.invitations().invite(f.newPatient("p1").build()))
                .hasMessageContaining("injected");

        assertThat(count("pi_invitation")).isZero();
        assertThat(count("pi_outbox")).isZero();
        assertThat(count("pi_audit")).as("only the settings change is audited").isEqualTo(1);
        assertThat(f.portal.invitations().history(PortalFixture.PRACTICE, PatientId.of("p1")))
                .isEmpty();
        assertThat(f.portal.dispatcher().drain()).isZero();
    }

    @Test
    void instantsWhenSessionAndJvmTimeZonesAreNotUtcThenReadBackIdentically() {
        Instant odd = Instant.parse("2026-03-29T01:30:00.123456Z"); // inside a European DST change
        PortalAccount written = new PortalAccount(
                io.portalinvite.common.AccountId.random(),
                EmailAddress.of("tz@example.org"),
                StoreTestData.PASSWORD_HASH,
                io.portalinvite.account.PortalAccount.AccountStatus.ACTIVE,
                0,
                odd.plusSeconds(30),
                odd,
                odd.minusMillis(1),
                odd,
                1);
        TimeZone jvmZone = TimeZone.getDefault();
        String zone = database().platform() == DatabasePlatform.MARIADB ? "+12:45" : "Pacific/Chatham";
        try (HikariDataSource other = database().poolWithSessionTimeZone(zone)) {
            TimeZone.setDefault(TimeZone.getTimeZone("America/St_Johns"));
            JdbcPortalStorage elsewhere = JdbcPortalStorage.create(other);
            elsewhere.transactions().inTransaction(() -> elsewhere.accounts().insert(written));

            PortalAccount readHere =
                    storage.accounts().findByEmail("tz@example.org").orElseThrow();
            PortalAccount readThere =
                    elsewhere.accounts().findByEmail("tz@example.org").orElseThrow();

            assertThat(readHere).isEqualTo(written);
            assertThat(readThere).isEqualTo(written);
            assertThat(readHere.createdAt()).isEqualTo(odd);
        } finally {
            TimeZone.setDefault(jvmZone);
        }
    }

    @Test
    void hostileTextWhenStoredThenReadBackVerbatim() {
        // SQL-breaking text within what a practice name may hold (the SMS text rule: no backslash,
        // underscore, angle bracket or emoji); the audit details below carry those
        String hostile = "Robert'); DROP TABLE students;-- \"quoted\" % ‘curly’ Zoë 李小龍";
        PortalSettings settings = PortalSettings.builder(PortalFixture.PRACTICE)
                .practiceName(hostile)
                .senderName("O'Brien & Sons (clinic)")
                .build();
        AuditEvent event = AuditEvent.of(
                        AuditAction.SETTINGS_CHANGED, new Actor("staff:o'brien"), Instant.parse("2026-01-01T00:00:00Z"))
                .practice(PortalFixture.PRACTICE)
                .patient(PatientId.of("p-1"))
                .detail("json", "{\"a\":\"}\\\"]")
                .detail("sql", "'; DELETE FROM pi_audit; --")
                .detail("unicode", "Nguyễn Văn An 😀 \u202Fnarrow")
                .build();
        Invitation invitation = StoreTestData.invitation()
                .patientId("p-1")
                .inviteeEmail("o'brien+tag@example.org")
                .carer(StoreTestData.carer("o'brien+tag@example.org"))
                .build();

        storage.transactions().inTransaction(() -> {
            storage.settings().save(SettingsOverrides.of(settings, EnumSet.allOf(PortalSettings.Setting.class)));
            storage.audit().append(event);
            storage.invitations().insert(invitation);
        });

        assertThat(storage.settings()
                        .find(PortalFixture.PRACTICE)
                        .map(o -> o.over(PortalSettings.defaults(PortalFixture.PRACTICE))))
                .contains(settings);
        assertThat(storage.audit().findByPatient(PortalFixture.PRACTICE, PatientId.of("p-1")))
                .containsExactly(event);
        assertThat(storage.invitations().findById(invitation.id())).contains(invitation);
    }

    @Test
    void wholeFlowWhenRunThenNoTableHoldsTheRawTokenInAnyEncoding() throws SQLException {
        PortalFixture f = new PortalFixture(storage);
        f.enablePortal();
        String first = f.inviteAndDeliver(f.newPatient("p1").build());
        Invitation invitation = storage.invitations()
                .findByPatient(PortalFixture.PRACTICE, PatientId.of("p1"))
                .get(0);
        f.portal.invitations().resend(PortalFixture.PRACTICE, invitation.id(), PortalFixture.STAFF);
        f.portal.dispatcher().drain();
        String second = f.email.lastToken();
        f.portal.registration().preview(second);
        f.portal
                .registration()
                .complete(new io.portalinvite.invitation.RegistrationService.CompleteRegistration(
                        second, PortalFixture.GOOD_PASSWORD, PortalFixture.GOOD_PASSWORD, PortalFixture.DOB));

        List<String> forbidden = new ArrayList<>();
        for (String token : List.of(first, second)) {
            byte[] raw = java.util.Base64.getUrlDecoder().decode(token);
            forbidden.add(token);
            forbidden.add(java.util.HexFormat.of().formatHex(raw));
            forbidden.add(java.util.Base64.getEncoder().encodeToString(raw).replace("=", ""));
        }
        int cells = 0;
        try (Connection c = database().dataSource().getConnection();
                Statement s = c.createStatement()) {
            for (String table : List.of(
                    "pi_settings",
                    "pi_invitation",
                    "pi_account",
                    "pi_access",
                    "pi_outbox",
                    "pi_audit",
                    "pi_template")) {
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            String value = String.valueOf(rs.getObject(i));
                            cells++;
                            for (String secret : forbidden) {
                                assertThat(value).as("%s column %d", table, i).doesNotContainIgnoringCase(secret);
                            }
                        }
                    }
                }
            }
        }
        assertThat(cells).as("the scan saw the flow's rows").isGreaterThan(100);
        assertThat(countWhere(
                        "pi_invitation",
                        "token_digest = '"
                                + io.portalinvite.token.TokenDigest.of(io.portalinvite.token.LinkToken.parse(
                                                io.portalinvite.token.LinkToken.Purpose.INVITATION, second))
                                        .hex()
                                + "'"))
                .isEqualTo(1);
    }

    @Test
    void dispatchWhenThreeDispatchersShareTheDatabaseThenTenThousandMessagesSentExactlyOnce() throws Exception {
        MutableClock clock = new MutableClock(PortalFixture.START);
        Map<String, AtomicInteger> sends = new ConcurrentHashMap<>();
        List<PortalFixture> nodes = nodes(3, clock, sends, Integer.MAX_VALUE);
        nodes.get(0).enablePortal();
        seed(MESSAGES);

        runConcurrently(nodes);

        assertExactlyOnce(sends);
    }

    @Test
    void dispatchWhenOneDispatcherDiesMidBatchThenTheOthersFinishItsMessagesAfterTheLease() throws Exception {
        MutableClock clock = new MutableClock(PortalFixture.START);
        Map<String, AtomicInteger> sends = new ConcurrentHashMap<>();
        List<PortalFixture> nodes = new ArrayList<>(nodes(2, clock, sends, Integer.MAX_VALUE));
        PortalFixture dying = nodes(1, clock, sends, 30).get(0);
        nodes.get(0).enablePortal();
        seed(MESSAGES);

        assertThatThrownBy(() -> dying.portal.dispatcher().drain()).hasMessageContaining("node killed");
        assertThat(countWhere("pi_outbox", "claim_id IS NOT NULL"))
                .as("the dead node's claims")
                .isPositive();
        runConcurrently(nodes);
        assertThat(sends)
                .as("claims of the dead node hold until their lease lapses")
                .hasSizeLessThan(MESSAGES);

        clock.advance(Duration.ofMinutes(2).plusSeconds(1));
        runConcurrently(nodes);

        assertExactlyOnce(sends);
    }

    private List<PortalFixture> nodes(int count, MutableClock clock, Map<String, AtomicInteger> sends, int dieAfter) {
        AtomicInteger sent = new AtomicInteger();
        List<PortalFixture> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            nodes.add(new PortalFixture(
                    storage,
                    b -> b.clock(clock).dispatcherBatchSize(100).emailSender(m -> {
                        if (sent.incrementAndGet() > dieAfter) {
                            throw new NodeKilled();
                        }
                        sends.computeIfAbsent(m.internetMessageId(), k -> new AtomicInteger())
                                .incrementAndGet();
                    })));
        }
        return nodes;
    }

    /** Writes invitations with one pending email each, straight into the stores, in large transactions. */
    private void seed(int count) {
        for (int start = 0; start < count; start += 500) {
            int from = start;
            storage.transactions().inTransaction(() -> {
                for (int i = from; i < Math.min(count, from + 500); i++) {
                    Invitation invitation = StoreTestData.invitation()
                            .patientId("bulk-" + i)
                            .inviteeEmail("bulk" + i + "@example.org")
                            .build();
                    storage.invitations().insert(invitation);
                    storage.outbox()
                            .insert(OutboundMessage.pending(
                                    invitation.practiceId(),
                                    invitation.id().value(),
                                    MessageKind.INVITATION_EMAIL,
                                    invitation.invitee().email().value(),
                                    invitation.tokenNonce(),
                                    invitation.createdAt(),
                                    "portal-invite.test"));
                }
            });
        }
    }

    private static void runConcurrently(List<PortalFixture> nodes) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(nodes.size());
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (PortalFixture node : nodes) {
                runs.add(pool.submit(() -> node.portal.dispatcher().drain()));
            }
            for (Future<Integer> run : runs) {
                run.get(10, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void assertExactlyOnce(Map<String, AtomicInteger> sends) throws SQLException {
        assertThat(sends).hasSize(MESSAGES);
        assertThat(sends.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
        assertThat(countWhere("pi_outbox", "status = 'SENT'")).isEqualTo(MESSAGES);
        assertThat(countWhere("pi_outbox", "claim_id IS NOT NULL")).isZero();
    }

    private long count(String table) throws SQLException {
        return countWhere(table, "1 = 1");
    }

    private long countWhere(String table, String condition) throws SQLException {
        try (Connection c = database().dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table + " WHERE " + condition)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Stands for a node that dies: an Error, which the dispatcher does not catch. */
    @Test
    void passwordResetWhenRequestedAndCompletedThenNoTableHoldsTheRawResetToken() throws SQLException {
        PortalFixture f = new PortalFixture(storage);
        f.enablePortal(b -> b.dateOfBirthCheck(false).messagesPerMinute(60));
        String invitationToken =
                f.inviteAndDeliver(f.newPatient("p1").mobile(null).build());
        f.portal
                .registration()
                .complete(new io.portalinvite.invitation.RegistrationService.CompleteRegistration(
                        invitationToken, PortalFixture.GOOD_PASSWORD, PortalFixture.GOOD_PASSWORD, null));
        f.portal.passwordReset().request(PortalFixture.PRACTICE, "ada.p1@example.org");
        f.portal.passwordReset().request(PortalFixture.PRACTICE, "unknown@example.org");
        f.clock.advance(java.time.Duration.ofSeconds(2)); // the paced reset email's slot
        f.portal.dispatcher().drain();
        String resetToken = f.email.lastToken();
        f.portal
                .passwordReset()
                .complete(new io.portalinvite.reset.PasswordResetService.CompletePasswordReset(
                        resetToken, "amber lantern sways above slow rivers", "amber lantern sways above slow rivers"));

        byte[] raw = java.util.Base64.getUrlDecoder().decode(resetToken);
        List<String> forbidden = List.of(
                resetToken,
                java.util.HexFormat.of().formatHex(raw),
                java.util.Base64.getEncoder().encodeToString(raw).replace("=", ""),
                "unknown@example.org");
        int cells = 0;
        try (Connection c = database().dataSource().getConnection();
                Statement s = c.createStatement()) {
            for (String table : List.of(
                    "pi_settings",
                    "pi_invitation",
                    "pi_account",
                    "pi_access",
                    "pi_outbox",
                    "pi_audit",
                    "pi_password_reset",
                    "pi_send_pace")) {
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            String value = String.valueOf(rs.getObject(i));
                            cells++;
                            for (String secret : forbidden) {
                                assertThat(value).as("%s column %d", table, i).doesNotContainIgnoringCase(secret);
                            }
                        }
                    }
                }
            }
        }
        assertThat(cells).as("the scan saw the flow's rows").isGreaterThan(100);
        assertThat(countWhere(
                        "pi_password_reset",
                        "token_digest = '"
                                + io.portalinvite.token.TokenDigest.of(io.portalinvite.token.LinkToken.parse(
                                                io.portalinvite.token.LinkToken.Purpose.PASSWORD_RESET, resetToken))
                                        .hex()
                                + "' AND status = 'USED'"))
                .isEqualTo(1);
        assertThat(count("pi_password_reset"))
                .as("the link and the unknown address's stand-in")
                .isEqualTo(2);
    }

    private static final class NodeKilled extends Error {
        private static final long serialVersionUID = 1L;

        NodeKilled() {
            super("node killed in the middle of a batch");
        }
    }

    /** The JDBC stores, except that writing an outbound message fails — after the invitation insert. */
    private record FailingOutbox(JdbcPortalStorage delegate) implements PortalStorage {
        @Override
        public TransactionRunner transactions() {
            return delegate.transactions();
        }

        @Override
        public InvitationStore invitations() {
            return delegate.invitations();
        }

        @Override
        public AccountStore accounts() {
            return delegate.accounts();
        }

        @Override
        public SettingsStore settings() {
            return delegate.settings();
        }

        @Override
        public AuditStore audit() {
            return delegate.audit();
        }

        @Override
        public io.portalinvite.delivery.TemplateStore templates() {
            return delegate.templates();
        }

        @Override
        public io.portalinvite.throttle.SignInBudgets signInBudgets() {
            return delegate.signInBudgets();
        }

        @Override
        public java.util.List<io.portalinvite.common.PatientId> findPatients(
                io.portalinvite.common.PracticeId practiceId,
                io.portalinvite.common.@org.jspecify.annotations.Nullable PatientId after,
                int limit) {
            return delegate.findPatients(practiceId, after, limit);
        }

        @Override
        public io.portalinvite.reset.PasswordResetStore passwordResets() {
            return delegate.passwordResets();
        }

        @Override
        public io.portalinvite.authenticator.AuthenticatorStore authenticators() {
            return delegate.authenticators();
        }

        @Override
        public OutboxStore outbox() {
            OutboxStore real = delegate.outbox();
            return new OutboxStore() {
                @Override
                public void insert(OutboundMessage message) {
                    throw new IllegalStateException("injected failure after the invitation insert");
                }

                @Override
                public List<OutboundMessage> claimDue(
                        Instant now,
                        int limit,
                        String claimId,
                        Instant leaseUntil,
                        java.util.Set<io.portalinvite.common.Channel> channels) {
                    return real.claimDue(now, limit, claimId, leaseUntil, channels);
                }

                @Override
                public int renewClaim(String claimId, java.util.Collection<java.util.UUID> ids, Instant leaseUntil) {
                    return real.renewClaim(claimId, ids, leaseUntil);
                }

                @Override
                public int release(String claimId, java.util.Collection<java.util.UUID> ids) {
                    return real.release(claimId, ids);
                }

                @Override
                public boolean complete(OutboundMessage updated, String claimId) {
                    return real.complete(updated, claimId);
                }

                @Override
                public boolean cancel(java.util.UUID id, String reason, Instant now) {
                    return real.cancel(id, reason, now);
                }

                @Override
                public java.util.Optional<OutboundMessage> findById(java.util.UUID id) {
                    return real.findById(id);
                }

                @Override
                public List<OutboundMessage> findBySubject(java.util.UUID subjectId) {
                    return real.findBySubject(subjectId);
                }

                @Override
                public io.portalinvite.delivery.OutboxStore.OutboxBacklog backlog(Instant now) {
                    return real.backlog(now);
                }

                @Override
                public Instant reserveSendSlots(
                        io.portalinvite.common.PracticeId practiceId,
                        io.portalinvite.common.Channel channel,
                        int count,
                        Instant now,
                        java.time.Duration interval) {
                    return real.reserveSendSlots(practiceId, channel, count, now, interval);
                }
            };
        }
    }
}
