package io.portalinvite.jdbc;

import io.portalinvite.PortalInvite;
import io.portalinvite.account.AccountImportResult;
import io.portalinvite.account.AccountImportService.ImportOptions;
import io.portalinvite.common.StaffId;
import io.portalinvite.delivery.EmailSender;
import io.portalinvite.testing.LegacyHashes;
import io.portalinvite.testing.LegacyHashes.Kind;
import io.portalinvite.testing.PortalFixture;
import io.portalinvite.token.TokenKey;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * The body of {@link AccountImportScaleTest}, run in its own JVM with a small heap: writes an account
 * import file of {@value #ACCOUNTS} accounts whose hashes mix every accepted legacy form (made with
 * and without NFKC, for ASCII, NFD and full-width passwords), plus {@value #BAD_ROWS} refused rows,
 * imports it on PostgreSQL in one streaming call, signs every account in with its original password
 * on a thread pool, and prints one line of figures for the test to check.
 */
public final class AccountImportScaleRun {

    static final int ACCOUNTS = 10_000;
    static final int BAD_ROWS = 10;
    static final int SIGN_IN_THREADS = 4;
    static final StaffId STAFF = StaffId.of("staff-import");

    private static final Kind[] KINDS = Kind.values();

    private AccountImportScaleRun() {}

    static String email(int i) {
        return "imported-" + i + "@example.org";
    }

    /** Account i's password: ASCII, decomposed accents (NFD) or full-width letters, in turn. */
    static String password(int i) {
        return switch (i % 3) {
            case 0 -> "violet kayak drifts over granite " + i;
            case 1 -> "cafe\u0301 cre\u0300me bru\u0302le\u0301e " + i;
            default -> "\uFF30\uFF41\uFF53\uFF53\uFF50\uFF48\uFF52\uFF41\uFF53\uFF45 \uFB01ve\u00A0" + i;
        };
    }

    /**
     * Runs the import and the sign-ins and prints {@code key=value} figures on one line.
     *
     * @param args unused
     * @throws Exception when the run cannot complete
     */
    public static void main(String[] args) throws Exception {
        Path file = Files.createTempFile("account-import", ".tsv");
        try {
            long writeStart = System.nanoTime();
            long writeCpu = cpu();
            write(file);
            double writeSeconds = (System.nanoTime() - writeStart) / 1e9;
            writeCpu = cpu() - writeCpu;
            TestDatabase db = TestDatabase.postgres();
            JdbcPortalStorage storage = db.freshStorage();
            EmailSender nowhere = message -> {};
            try (PortalInvite portal = PortalInvite.builder()
                    .storage(storage)
                    .emailSender(nowhere)
                    .tokenKey(TokenKey.of(new byte[32]))
                    .passwordHasher(PortalFixture.fastHasher())
                    .build()) {
                long[] heapAt1k = new long[1];
                long start = System.nanoTime();
                long importCpu = cpu();
                AccountImportResult result;
                try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    result = portal.accountImport()
                            .importAll(
                                    STAFF,
                                    in,
                                    ImportOptions.DEFAULT.withChunkSize(500).withProgress(p -> {
                                        if (heapAt1k[0] == 0 && p.processed() >= 1_000) {
                                            heapAt1k[0] = SmallHeapRun.usedAfterGc();
                                        }
                                    }));
                }
                double importSeconds = (System.nanoTime() - start) / 1e9;
                importCpu = cpu() - importCpu;
                long heapAfterImport = SmallHeapRun.usedAfterGc();

                long signInStart = System.nanoTime();
                long signInCpu = cpu();
                AtomicInteger succeeded = new AtomicInteger();
                List<Integer> failed = java.util.Collections.synchronizedList(new ArrayList<>());
                ExecutorService pool = Executors.newFixedThreadPool(SIGN_IN_THREADS);
                try {
                    List<Future<?>> work = new ArrayList<>();
                    for (int t = 0; t < SIGN_IN_THREADS; t++) {
                        int first = t;
                        work.add(pool.submit(() -> {
                            for (int i = first; i < ACCOUNTS; i += SIGN_IN_THREADS) {
                                if (portal.login().login(email(i), password(i)).succeeded()) {
                                    succeeded.incrementAndGet();
                                } else {
                                    failed.add(i);
                                }
                            }
                        }));
                    }
                    for (Future<?> f : work) {
                        f.get();
                    }
                } finally {
                    pool.shutdown();
                }
                double signInSeconds = (System.nanoTime() - signInStart) / 1e9;
                signInCpu = cpu() - signInCpu;
                System.out.println("RESULT processed=" + result.processed() + " imported=" + result.imported()
                        + " invalid=" + result.invalidTotal() + " skipped=" + result.skippedTotal()
                        + " invalidRules=" + String.join(";", result.invalid().keySet())
                        + " signedIn=" + succeeded.get() + " failedSignIns="
                        + failed.stream()
                                .limit(10)
                                .map(String::valueOf)
                                .reduce((a, b) -> a + "," + b)
                                .orElse("none")
                        + " argon2id="
                        + SmallHeapRun.count(
                                db, "SELECT COUNT(*) FROM pi_account WHERE password_hash LIKE '$argon2id$v=19$%'")
                        + " legacyLeft="
                        + SmallHeapRun.count(db, "SELECT COUNT(*) FROM pi_account WHERE password_hash LIKE '{legacy}%'")
                        + " accounts=" + SmallHeapRun.count(db, "SELECT COUNT(*) FROM pi_account")
                        + " grants=" + SmallHeapRun.count(db, "SELECT COUNT(*) FROM pi_access")
                        + " importedAudit="
                        + SmallHeapRun.count(db, "SELECT COUNT(*) FROM pi_audit WHERE action = 'ACCOUNT_IMPORTED'")
                        + " upgradedAudit="
                        + SmallHeapRun.count(db, "SELECT COUNT(*) FROM pi_audit WHERE action = 'PASSWORD_UPGRADED'")
                        + " writeSeconds=" + String.format(Locale.ROOT, "%.1f", writeSeconds)
                        + " importSeconds=" + String.format(Locale.ROOT, "%.1f", importSeconds)
                        + " signInSeconds=" + String.format(Locale.ROOT, "%.1f", signInSeconds)
                        + " cpuSeconds="
                        + String.format(Locale.ROOT, "%.1f,%.1f,%.1f", writeCpu / 1e9, importCpu / 1e9, signInCpu / 1e9)
                        + " load="
                        + String.format(
                                Locale.ROOT,
                                "%.1f",
                                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage())
                        + " fileBytes=" + Files.size(file)
                        + " heapAt1k=" + heapAt1k[0] + " heapAfterImport=" + heapAfterImport
                        + " peakHeap=" + SmallHeapRun.peakHeap() + " maxHeap="
                        + Runtime.getRuntime().maxMemory());
            }
        } finally {
            Files.deleteIfExists(file);
        }
        System.exit(0);
    }

    /**
     * Writes the file as an export would: one line per grant (every 10th account also acts for a
     * child, on a second line), hashes made on all cores; then the refused rows.
     */
    private static void write(Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("email\tpassword_hash\tpractice_id\tpatient_id\tkind\trelationship\tdate_of_birth\n");
            IntStream.range(0, ACCOUNTS)
                    .parallel()
                    .mapToObj(AccountImportScaleRun::lines)
                    .forEachOrdered(text -> {
                        try {
                            out.write(text);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
            for (int b = 0; b < BAD_ROWS; b++) {
                out.write("refused-" + b + "@example.org\t{noop}plain\tpractice-1\trefused-" + b + "\tSELF\t\t\n");
            }
        }
    }

    private static String lines(int i) {
        Kind kind = KINDS[i % KINDS.length];
        boolean nfkc = (i / KINDS.length) % 2 == 0;
        String hash = LegacyHashes.hash(kind, password(i), nfkc);
        String self = email(i) + "\t" + hash + "\tpractice-1\tpatient-" + i + "\tSELF\t\t1980-01-01\n";
        return i % 10 == 0
                ? self + email(i) + "\t" + hash + "\tpractice-1\tchild-" + i + "\tPROXY\tPARENT\t2020-06-01\n"
                : self;
    }

    /** This JVM's CPU time in nanoseconds (the database server's is not included). */
    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
