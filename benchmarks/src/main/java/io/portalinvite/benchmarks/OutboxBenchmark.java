package io.portalinvite.benchmarks;

import com.icegreen.greenmail.util.GreenMail;
import io.portalinvite.PortalInvite;
import io.portalinvite.common.PracticeId;
import io.portalinvite.common.StaffId;
import io.portalinvite.invitation.InviteRequest;
import io.portalinvite.jdbc.JdbcPortalStorage;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.smtp.SmtpEmailSender;
import io.portalinvite.smtp.SmtpSettings;
import io.portalinvite.token.TokenKey;
import jakarta.mail.MessagingException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Outbox throughput on one durable PostgreSQL: 500 queued invitation emails drained by 1, 2 or 3
 * dispatchers at once (each a separate portal instance with its own SMTP connection, as separate
 * nodes would be) to a GreenMail server on loopback, against what the SMTP server accepts on its own
 * in the same suite run ({@link SmtpBenchmark#bareReusedConnection}: pre-built messages over one
 * reused connection). Scores are seconds per message; the runner reports messages per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
public class OutboxBenchmark {

    /** Messages per run: fewer than the in-memory benchmark's, since every one costs a durable commit. */
    static final int MESSAGES = 500;

    /** How many dispatchers drain the outbox at once. */
    @Param({"1", "2", "3"})
    public int dispatchers;

    private final AtomicLong ids = new AtomicLong();
    private final SmtpBenchmark smtp = new SmtpBenchmark();
    private DurablePostgres postgres;
    private List<PortalInvite> nodes;
    private ExecutorService threads;

    /**
     * Starts PostgreSQL, GreenMail (through the SMTP benchmark's set-up, which also pre-builds the
     * baseline's messages) and one portal per dispatcher.
     *
     * @throws MessagingException when GreenMail cannot be reached
     */
    @Setup(Level.Trial)
    public void start() throws MessagingException {
        smtp.start();
        GreenMail greenMail = smtp.greenMail();
        postgres = new DurablePostgres(16);
        TokenKey key = TokenKey.generate();
        nodes = new ArrayList<>();
        for (int i = 0; i < dispatchers; i++) {
            nodes.add(PortalInvite.builder()
                    .storage(JdbcPortalStorage.create(postgres.dataSource()))
                    .tokenKey(key)
                    .emailSender(new SmtpEmailSender(SmtpSettings.builder()
                            .host("127.0.0.1")
                            .port(greenMail.getSmtp().getPort())
                            .security(SmtpSettings.Security.NONE)
                            .maxMessagesPerConnection(SmtpBenchmark.SMTP_CONNECTION_REUSE)
                            .build()))
                    .dispatcherBatchSize(100)
                    .build());
        }
        nodes.get(0)
                .settings()
                .save(
                        PortalSettings.builder(PracticeId.of("bench"))
                                .enabled(true)
                                .practiceName("Benchmark Clinic")
                                .invitationLinkBase("https://portal.example/invitation")
                                .smsNotice(false)
                                .build(),
                        StaffId.of("bench"));
        threads = Executors.newFixedThreadPool(dispatchers);
    }

    /**
     * Queues 500 invitations (in one transaction, outside the measurement) and empties GreenMail.
     *
     * @throws Exception when GreenMail cannot be emptied
     */
    @Setup(Level.Invocation)
    public void queue() throws Exception {
        smtp.greenMail().purgeEmailFromAllMailboxes();
        PortalInvite portal = nodes.get(0);
        portal.storage().transactions().inTransaction(() -> {
            for (int i = 0; i < MESSAGES; i++) {
                long n = ids.incrementAndGet();
                portal.invitations()
                        .invite(InviteRequest.existingPatient("bench", "bench")
                                .patientId("p-" + n)
                                .name("Ada", "Lovelace")
                                .dateOfBirth(LocalDate.of(1990, 5, 17))
                                .email("ada" + (n % SmtpBenchmark.MESSAGES) + "@example.org")
                                .build());
            }
        });
    }

    /** Stops everything. */
    @TearDown(Level.Trial)
    public void stop() {
        threads.shutdownNow();
        nodes.forEach(PortalInvite::close);
        postgres.close();
        smtp.stop();
    }

    /**
     * The dispatchers drain the outbox together.
     *
     * @return messages handled
     * @throws Exception when a dispatcher fails
     */
    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public int libraryDispatchers() throws Exception {
        List<Callable<Integer>> drains = new ArrayList<>();
        for (PortalInvite node : nodes) {
            drains.add(() -> node.dispatcher().drain());
        }
        int handled = 0;
        for (Future<Integer> f : threads.invokeAll(drains)) {
            handled += f.get();
        }
        if (handled != MESSAGES) {
            throw new IllegalStateException("expected " + MESSAGES + " messages, handled " + handled);
        }
        return handled;
    }
}
