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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
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
 * settings, account and open-invitation lookups) against the physical floor: a bare single-row
 * INSERT transaction on the same durable PostgreSQL, and against the closest peer, Spring Security's
 * {@code JdbcOneTimeTokenService.generate}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class InviteBenchmark {

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

    /**
     * The floor: one INSERT in its own committed transaction.
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
