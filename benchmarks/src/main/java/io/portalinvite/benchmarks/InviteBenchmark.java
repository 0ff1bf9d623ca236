package io.portalinvite.benchmarks;

import io.portalinvite.PortalInvite;
import io.portalinvite.common.PracticeId;
import io.portalinvite.common.StaffId;
import io.portalinvite.invitation.InviteRequest;
import io.portalinvite.invitation.InviteResult.InviteOutcome;
import io.portalinvite.jdbc.JdbcPortalStorage;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.storage.InMemoryPortalStorage;
import io.portalinvite.token.TokenKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.ott.GenerateOneTimeTokenRequest;
import org.springframework.security.authentication.ott.JdbcOneTimeTokenService;
import org.springframework.security.authentication.ott.OneTimeToken;

/**
 * An invite (invitation + its email and SMS messages + audit entry in one transaction, after the
 * settings, account and open-invitation lookups) against its fair floor: the same four rows written
 * by hand-written JDBC in one round trip and one commit on the same durable PostgreSQL; with a bare
 * single-row INSERT transaction as context, and the closest peer, Spring Security's
 * {@code JdbcOneTimeTokenService.generate}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class InviteBenchmark {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final AtomicLong ids = new AtomicLong();
    private DurablePostgres postgres;
    private PortalInvite portal;
    private PortalInvite inMemory;
    private JdbcOneTimeTokenService spring;

    /** Starts PostgreSQL and a portal on it. */
    @Setup(Level.Trial)
    public void start() {
        postgres = new DurablePostgres(16);
        portal = portal(PortalInvite.builder().storage(JdbcPortalStorage.create(postgres.dataSource())));
        inMemory = portal(PortalInvite.builder().storage(new InMemoryPortalStorage()));
        spring = new JdbcOneTimeTokenService(new JdbcTemplate(postgres.dataSource()));
    }

    private static PortalInvite portal(PortalInvite.Builder builder) {
        PortalInvite p = builder.tokenKey(TokenKey.generate())
                .emailSender(m -> {})
                .smsSender(m -> {})
                .build();
        p.settings()
                .save(
                        PortalSettings.builder(PracticeId.of("bench"))
                                .enabled(true)
                                .practiceName("Benchmark Clinic")
                                .invitationLinkBase("https://portal.example/invitation")
                                .build(),
                        StaffId.of("bench"));
        return p;
    }

    /** Stops PostgreSQL. */
    @TearDown(Level.Trial)
    public void stop() throws Exception {
        spring.destroy();
        postgres.close();
    }

    /**
     * The peer: Spring Security's {@code JdbcOneTimeTokenService.generate} on the same database (one
     * auto-committed INSERT of a random UUID token).
     *
     * @return the token
     */
    @Benchmark
    public OneTimeToken springGenerate() {
        return spring.generate(new GenerateOneTimeTokenRequest("ada" + ids.incrementAndGet() + "@example.org"));
    }

    /**
     * The library's invite.
     *
     * @return the outcome, so the work is not optimised away
     */
    @Benchmark
    public InviteOutcome invite() {
        return portal.invitations().invite(request()).outcome();
    }

    /**
     * The same invite on the in-memory stores: the library's own CPU cost, without a database.
     *
     * @return the outcome
     */
    @Benchmark
    public InviteOutcome inviteInMemory() {
        return inMemory.invitations().invite(request()).outcome();
    }

    private InviteRequest request() {
        long n = ids.incrementAndGet();
        return InviteRequest.newPatient("bench", "bench")
                .patientId("p-" + n)
                .name("Ada", "Lovelace")
                .dateOfBirth(LocalDate.of(1990, 5, 17))
                .email("ada" + n + "@example.org")
                .mobile("0412 345 678")
                .build();
    }

    /** The rows an invite writes, by hand: the invitation, its email and SMS messages, its audit entry. */
    private static final String SAME_ROWS = "INSERT INTO pi_invitation (id, practice_id, patient_id, "
            + "patient_given_name, patient_family_name, patient_birth_date, patient_email, patient_mobile, invitee_kind, "
            + "invitee_given_name, invitee_family_name, invitee_email, invitee_email_key, invitee_mobile, relationship, "
            + "channels, origin, status, token_nonce, token_digest, issued_at, expires_at, created_at, created_by, "
            + "resend_count, dob_failures, updated_at, version, open_key) VALUES (?, 'bench', ?, 'Ada', 'Lovelace', "
            + "DATE '1990-05-17', ?, '+61412345678', 'PATIENT', 'Ada', 'Lovelace', ?, ?, '+61412345678', NULL, "
            + "'EMAIL,SMS', 'NEW_PATIENT', 'PENDING', ?, ?, ?, ?, ?, 'bench', 0, 0, ?, 0, ?); "
            + "INSERT INTO pi_outbox (id, practice_id, subject_id, kind, recipient, token_nonce, status, attempts, "
            + "next_attempt_at, created_at, internet_message_id) VALUES (?, 'bench', ?, 'INVITATION_EMAIL', ?, ?, "
            + "'PENDING', 0, ?, ?, ?); "
            + "INSERT INTO pi_outbox (id, practice_id, subject_id, kind, recipient, token_nonce, status, attempts, "
            + "next_attempt_at, created_at, internet_message_id) VALUES (?, 'bench', ?, 'INVITATION_SMS_NOTICE', "
            + "'+61412345678', ?, 'PENDING', 0, ?, ?, ?); "
            + "INSERT INTO pi_audit (id, occurred_at, practice_id, action, actor, outcome, patient_id, invitation_id, "
            + "channel, details) VALUES (?, ?, 'bench', 'INVITATION_CREATED', 'staff:bench', 'SUCCESS', ?, ?, NULL, "
            + "'{\"channels\":[\"EMAIL\",\"SMS\"],\"invitee\":\"PATIENT\"}')";

    /**
     * The fair floor: hand-written JDBC writing exactly the rows an invite writes — one
     * {@code pi_invitation} row, two {@code pi_outbox} rows and one {@code pi_audit} row, into the
     * library's own tables with their indexes — as one multi-statement round trip and one commit.
     * What the library adds on top is its own work: the lookup round trip, validation, token
     * derivation, composing and the release of an accepted invitation's open key.
     *
     * @return the statements' row count
     * @throws SQLException never, in a healthy run
     */
    @Benchmark
    public int sameRowsFloor() throws SQLException {
        long n = ids.incrementAndGet();
        String invitation = UUID.randomUUID().toString();
        String email = "ada" + n + "@example.org";
        String nonce = nonce();
        Timestamp now = Timestamp.from(Instant.now());
        Timestamp expires = Timestamp.from(now.toInstant().plusSeconds(14 * 86_400));
        try (Connection c = postgres.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(SAME_ROWS)) {
                int i = 1;
                ps.setString(i++, invitation);
                ps.setString(i++, "p-" + n);
                ps.setString(i++, email);
                ps.setString(i++, email);
                ps.setString(i++, email);
                ps.setString(i++, nonce);
                ps.setString(i++, digest(nonce));
                ps.setTimestamp(i++, now);
                ps.setTimestamp(i++, expires);
                ps.setTimestamp(i++, now);
                ps.setTimestamp(i++, now);
                ps.setString(i++, "bench|p-" + n + "|" + email);
                for (int message = 0; message < 2; message++) {
                    String id = UUID.randomUUID().toString();
                    ps.setString(i++, id);
                    ps.setString(i++, invitation);
                    if (message == 0) {
                        ps.setString(i++, email);
                    }
                    ps.setString(i++, nonce);
                    ps.setTimestamp(i++, now);
                    ps.setTimestamp(i++, now);
                    ps.setString(i++, "<" + id + "@portal.example>");
                }
                ps.setString(i++, UUID.randomUUID().toString());
                ps.setTimestamp(i++, now);
                ps.setString(i++, "p-" + n);
                ps.setString(i, invitation);
                boolean isResult = ps.execute();
                int rows = 0;
                while (true) {
                    if (!isResult) {
                        int count = ps.getUpdateCount();
                        if (count == -1) {
                            break;
                        }
                        rows += count;
                    }
                    isResult = ps.getMoreResults();
                }
                if (rows != 4) {
                    throw new IllegalStateException("wrote " + rows + " rows instead of 4");
                }
                c.commit();
                return rows;
            }
        }
    }

    private static String nonce() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String digest(String nonce) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(nonce.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Context, not the target's floor: one single-row INSERT in its own committed transaction.
     *
     * @return the row count
     * @throws SQLException never, in a healthy run
     */
    @Benchmark
    public int bareInsertTransaction() throws SQLException {
        try (Connection c = postgres.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO bench_bare (id, payload) VALUES (?, ?)")) {
                ps.setLong(1, ids.incrementAndGet());
                ps.setString(2, "ada@example.org|Ada|Lovelace|1990-05-17");
                int rows = ps.executeUpdate();
                c.commit();
                return rows;
            }
        }
    }
}
