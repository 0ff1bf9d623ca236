package io.portalinvite.benchmarks;

import io.portalinvite.PortalInvite;
import io.portalinvite.common.PracticeId;
import io.portalinvite.common.StaffId;
import io.portalinvite.delivery.EmailSender;
import io.portalinvite.invitation.BulkInvitationResult;
import io.portalinvite.invitation.BulkInvitationService.BulkInvitationOptions;
import io.portalinvite.invitation.InviteRequest;
import io.portalinvite.jdbc.JdbcPortalStorage;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.token.TokenKey;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Bulk invitation of 100 000 generated patients on durable PostgreSQL, in one JVM run (a "fork"):
 * wall time and peak heap of {@code bulkInvitations().inviteAll}, beside its physical floor measured
 * in the same JVM — the same number of rows written by bare JDBC batches of one-row INSERTs (1 000
 * per batch and commit) into a one-index table. Not JMH: one long operation, timed once per fork.
 *
 * <p>{@link RunBenchmarks} starts it in child JVMs with {@code -Xmx256m} (the heap bound), so
 * an unbounded run fails with OutOfMemoryError instead of reporting a figure. It prints one line,
 * {@code BULK seconds=… baselineSeconds=… peakHeapBytes=… invited=…}.
 */
public final class BulkInvitationBenchmark {

    static final int PATIENTS = Integer.getInteger("bench.bulk.patients", 100_000);
    private static final PracticeId PRACTICE = PracticeId.of("practice-bulk");
    private static final StaffId STAFF = StaffId.of("staff-bulk");

    private BulkInvitationBenchmark() {}

    /**
     * Runs once and prints the figures.
     *
     * @param args unused
     * @throws SQLException when the baseline's inserts fail
     */
    public static void main(String[] args) throws SQLException {
        try (DurablePostgres postgres = new DurablePostgres(4)) {
            double baseline = bareBatchedInserts(postgres);
            JdbcPortalStorage storage = JdbcPortalStorage.create(postgres.dataSource());
            EmailSender nowhere = message -> {};
            try (PortalInvite portal = PortalInvite.builder()
                    .storage(storage)
                    .emailSender(nowhere)
                    .tokenKey(TokenKey.of(new byte[32]))
                    .build()) {
                portal.settings()
                        .save(
                                PortalSettings.builder(PRACTICE)
                                        .enabled(true)
                                        .practiceName("Bulk Clinic")
                                        .invitationLinkBase("https://portal.bulk.example/invitation")
                                        .messagesPerMinute(600)
                                        .build(),
                                STAFF);
                System.gc();
                resetPeaks();
                long start = System.nanoTime();
                BulkInvitationResult result = portal.bulkInvitations()
                        .inviteAll(PRACTICE, STAFF, rows(), BulkInvitationOptions.DEFAULT.withChunkSize(1_000));
                double seconds = (System.nanoTime() - start) / 1e9;
                if (result.invited() != PATIENTS) {
                    throw new IllegalStateException("expected " + PATIENTS + " invitations, got " + result);
                }
                System.out.printf(
                        Locale.ROOT,
                        "BULK seconds=%.3f baselineSeconds=%.3f peakHeapBytes=%d invited=%d " + "maxHeapBytes=%d%n",
                        seconds,
                        baseline,
                        peakHeap(),
                        result.invited(),
                        Runtime.getRuntime().maxMemory());
            }
        }
    }

    private static Stream<InviteRequest> rows() {
        return IntStream.range(0, PATIENTS)
                .mapToObj(i -> InviteRequest.existingPatient(PRACTICE.value(), STAFF.value())
                        .patientId("patient-" + i)
                        .name("Ada", "Lovelace")
                        .dateOfBirth(LocalDate.of(1950, 1, 1).plusDays(i % 20_000))
                        .email("patient" + i + "@example.org")
                        .build());
    }

    /** The floor: the same number of rows through plain JDBC batches, 1 000 per commit. */
    private static double bareBatchedInserts(DurablePostgres postgres) throws SQLException {
        long start = System.nanoTime();
        try (Connection c = postgres.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO bench_bare (id, payload) VALUES (?, ?)")) {
            c.setAutoCommit(false);
            for (int i = 0; i < PATIENTS; i++) {
                ps.setLong(1, 1_000_000_000L + i);
                ps.setString(2, "patient" + i + "@example.org");
                ps.addBatch();
                if ((i + 1) % 1_000 == 0) {
                    ps.executeBatch();
                    c.commit();
                }
            }
            ps.executeBatch();
            c.commit();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** Sum of the heap pools' peaks: an upper bound of the heap in use at any moment. */
    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
