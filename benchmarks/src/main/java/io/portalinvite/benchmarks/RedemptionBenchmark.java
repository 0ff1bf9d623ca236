package io.portalinvite.benchmarks;

import io.portalinvite.common.Channel;
import io.portalinvite.common.InvitationId;
import io.portalinvite.common.PatientId;
import io.portalinvite.common.PracticeId;
import io.portalinvite.common.StaffId;
import io.portalinvite.invitation.Invitation;
import io.portalinvite.invitation.Invitation.InvitationOrigin;
import io.portalinvite.invitation.Invitation.InvitationStatus;
import io.portalinvite.invitation.Invitee;
import io.portalinvite.jdbc.JdbcPortalStorage;
import io.portalinvite.party.EmailAddress;
import io.portalinvite.party.Patient;
import io.portalinvite.party.PersonName;
import io.portalinvite.token.LinkToken;
import io.portalinvite.token.LinkTokens;
import io.portalinvite.token.TokenDigest;
import io.portalinvite.token.TokenKey;
import io.portalinvite.token.TokenNonce;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.ott.JdbcOneTimeTokenService;
import org.springframework.security.authentication.ott.OneTimeToken;
import org.springframework.security.authentication.ott.OneTimeTokenAuthenticationToken;

/**
 * Redeeming a link (the library's conditional UPDATE in its own transaction, as complete
 * registration does it) against the floor: a bare conditional {@code UPDATE … RETURNING} on a table
 * of digests, on the same durable PostgreSQL, and against the closest peer, Spring Security's
 * {@code JdbcOneTimeTokenService.consume}. Fresh tokens are seeded before each iteration.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RedemptionBenchmark {

    /** pi_invitation's columns in schema order, with token_digest and open_key where the copy replaces them. */
    private static final String INVITATION_COLUMNS = "id, practice_id, patient_id, patient_given_name, "
            + "patient_family_name, patient_birth_date, patient_email, patient_mobile, invitee_kind, invitee_given_name, "
            + "invitee_family_name, invitee_email, invitee_email_key, invitee_mobile, relationship, channels, origin, "
            + "status, token_nonce, token_digest, issued_at, expires_at, created_at, created_by, resend_count, "
            + "dob_failures, accepted_at, revoked_at, revocation_reason, updated_at, version, open_key";

    /** Tokens seeded per iteration; more than the fastest path redeems in one. */
    static final int SEED = Integer.getInteger("bench.seed", 15_000);

    private final AtomicLong ids = new AtomicLong();
    private final ConcurrentLinkedQueue<TokenDigest> invitationDigests = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> bareDigests = new ConcurrentLinkedQueue<>();
    private final LinkTokens tokens =
            new LinkTokens(TokenKey.generate(), new SecureRandom(), LinkToken.Purpose.INVITATION);
    private DurablePostgres postgres;
    private JdbcPortalStorage storage;
    private JdbcOneTimeTokenService spring;
    private final ConcurrentLinkedQueue<String> springTokens = new ConcurrentLinkedQueue<>();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Starts PostgreSQL. */
    @Setup(Level.Trial)
    public void start() {
        postgres = new DurablePostgres(16);
        storage = JdbcPortalStorage.create(postgres.dataSource());
        spring = new JdbcOneTimeTokenService(new JdbcTemplate(postgres.dataSource()));
    }

    /**
     * Seeds unused tokens for the path this fork measures (JMH forks per benchmark method).
     *
     * @param params names the benchmark running
     * @throws SQLException when seeding fails
     */
    @Setup(Level.Iteration)
    public void seed(BenchmarkParams params) throws SQLException {
        String benchmark = params.getBenchmark();
        invitationDigests.clear();
        bareDigests.clear();
        springTokens.clear();
        Instant now = Instant.now();
        if (benchmark.endsWith(".redeem")) {
            // one invitation written by the library, then copies with their own id, patient and
            // token digest in one JDBC batch: seeding through the store one round trip per row took
            // longer than the measurement under load
            Invitation template = invitation(now);
            storage.transactions().inTransaction(() -> storage.invitations().insert(template));
            invitationDigests.add(template.tokenDigest());
            String copy = "INSERT INTO pi_invitation (" + INVITATION_COLUMNS + ") SELECT "
                    + INVITATION_COLUMNS
                            .replace("id, practice_id, patient_id,", "?, practice_id, ?,")
                            .replace("token_digest,", "?,")
                            .replace("open_key", "?")
                    + " FROM pi_invitation WHERE id = ?";
            try (Connection c = postgres.dataSource().getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement ps = c.prepareStatement(copy)) {
                    for (int i = 1; i < SEED; i++) {
                        Invitation next = invitation(now);
                        ps.setString(1, next.id().value().toString());
                        ps.setString(2, next.patient().id().value());
                        ps.setString(3, next.tokenDigest().hex());
                        ps.setString(
                                4,
                                "bench|" + next.patient().id().value() + "|"
                                        + next.id().value());
                        ps.setString(5, template.id().value().toString());
                        ps.addBatch();
                        invitationDigests.add(next.tokenDigest());
                    }
                    ps.executeBatch();
                }
                c.commit();
            }
        } else if (benchmark.endsWith(".bareConditionalUpdate")) {
            seedBatch(
                    "INSERT INTO bench_token (digest) VALUES (?)",
                    bareDigests,
                    () -> {
                        byte[] random = new byte[32];
                        RANDOM.nextBytes(random);
                        return HexFormat.of().formatHex(random);
                    },
                    null);
        } else if (benchmark.endsWith(".springConsume")) {
            seedBatch(
                    "INSERT INTO one_time_tokens (token_value, username, expires_at) VALUES (?, ?, ?)",
                    springTokens,
                    () -> UUID.randomUUID().toString(),
                    LocalDateTime.now().plusHours(1));
        }
    }

    private void seedBatch(
            String insert, ConcurrentLinkedQueue<String> into, Supplier<String> values, LocalDateTime expires)
            throws SQLException {
        try (Connection c = postgres.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(insert)) {
                for (int i = 0; i < SEED; i++) {
                    String value = values.get();
                    ps.setString(1, value);
                    if (expires != null) {
                        ps.setString(2, "ada" + i + "@example.org");
                        ps.setObject(3, expires);
                    }
                    ps.addBatch();
                    into.add(value);
                }
                ps.executeBatch();
            }
            c.commit();
        }
    }

    /**
     * The peer: Spring Security's {@code JdbcOneTimeTokenService.consume} (an auto-committed SELECT,
     * then an auto-committed DELETE).
     *
     * @return the consumed token
     */
    @Benchmark
    public OneTimeToken springConsume() {
        OneTimeToken token = spring.consume(new OneTimeTokenAuthenticationToken(next(springTokens)));
        if (token == null) {
            throw new IllegalStateException("Spring did not find a seeded token");
        }
        return token;
    }

    /** Stops PostgreSQL. */
    @TearDown(Level.Trial)
    public void stop() throws Exception {
        spring.destroy();
        postgres.close();
    }

    /**
     * The library's redemption.
     *
     * @return whether this call won the token (always, here)
     */
    @Benchmark
    public boolean redeem() {
        TokenDigest digest = next(invitationDigests);
        Instant now = Instant.now();
        return storage.transactions().inTransaction(() -> storage.invitations().redeem(digest, now));
    }

    /**
     * The floor: one conditional UPDATE … RETURNING in its own committed transaction.
     *
     * @return whether a row was updated
     * @throws SQLException never, in a healthy run
     */
    @Benchmark
    public boolean bareConditionalUpdate() throws SQLException {
        String digest = next(bareDigests);
        try (Connection c = postgres.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE bench_token SET used_at = LOCALTIMESTAMP WHERE digest = ? AND used_at IS NULL RETURNING digest")) {
                ps.setString(1, digest);
                try (ResultSet rs = ps.executeQuery()) {
                    boolean won = rs.next();
                    c.commit();
                    return won;
                }
            }
        }
    }

    private static <T> T next(ConcurrentLinkedQueue<T> queue) {
        T value = queue.poll();
        if (value == null) {
            throw new IllegalStateException("ran out of seeded tokens; raise -Dbench.seed");
        }
        return value;
    }

    private Invitation invitation(Instant now) {
        long n = ids.incrementAndGet();
        InvitationId id = InvitationId.random();
        TokenNonce nonce = tokens.newNonce();
        Patient patient = new Patient(
                PatientId.of("p-" + n),
                new PersonName("Ada", "Lovelace"),
                LocalDate.of(1990, 5, 17),
                EmailAddress.of("ada" + n + "@example.org"),
                null);
        return Invitation.builder()
                .id(id)
                .practiceId(PracticeId.of("bench"))
                .patient(patient)
                .invitee(Invitee.patient(patient))
                .channels(EnumSet.of(Channel.EMAIL))
                .origin(InvitationOrigin.NEW_PATIENT)
                .status(InvitationStatus.SENT)
                .tokenNonce(nonce)
                .tokenDigest(tokens.digest(id.value(), nonce))
                .issuedAt(now)
                .expiresAt(now.plus(Duration.ofDays(7)))
                .createdAt(now)
                .createdBy(StaffId.of("bench"))
                .resendCount(0)
                .dateOfBirthFailures(0)
                .updatedAt(now)
                .version(1)
                .build();
    }
}
