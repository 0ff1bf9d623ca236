package io.portalinvite.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the whole suite — every benchmark beside its baseline, three forks each by default (-Dbench.forks) — and
 * writes ONE table to {@code benchmarks/results/latest.md} (and prints it): every figure as a ratio
 * of the library's cost to its baseline's cost (time per operation ÷ time per operation, so lower is
 * better and 1.00× is the floor), as min / median / max over forks, where fork i of the library path
 * is paired with fork i of its baseline (the suite runs in as many rounds of one fork per
 * benchmark, so paired forks run close together in time). Ratios, not absolute figures, are what
 * hold across machines.
 *
 * <p>Each {@link Section} is one JMH run and the rows computed from it; a new benchmark (e.g. the
 * bulk invitation of 100 000 patients) is one more entry in {@link #sections()}.
 */
public final class RunBenchmarks {

    /** Forks per benchmark: min/median/max need at least three. */
    static final int FORKS = Integer.getInteger("bench.forks", 3);

    private RunBenchmarks() {}

    /**
     * One figure of the table: a library path against its baseline.
     *
     * @param name what is compared
     * @param library the library path's benchmark key (method name, plus {@code @param} when parameterised)
     * @param baseline the baseline's benchmark key
     * @param target the target, as a maximum cost ratio, or 0 when the row is for context
     * @param targetText how the target reads in the table
     */
    record Row(String name, String library, String baseline, double target, String targetText) {}

    /**
     * One JMH run and the rows read from it.
     *
     * @param name the section's name, matched by the command-line selection
     * @param include the JMH include pattern
     * @param threads thread counts, one run each
     * @param options everything else JMH needs
     * @param rows the rows, for a thread count
     * @param perSecond how to turn a score into operations per second
     */
    record Section(
            String name,
            String include,
            int[] threads,
            Function<ChainedOptionsBuilder, ChainedOptionsBuilder> options,
            Function<Integer, List<Row>> rows,
            Function<Double, Double> perSecond) {}

    static List<Section> sections() {
        Function<Double, Double> opsPerSecond = score -> score;
        Function<Double, Double> fromMillisPerOp = score -> 1000.0 / score;
        Function<Double, Double> fromSecondsPerOp = score -> 1.0 / score;
        List<Section> sections = new ArrayList<>();
        sections.add(new Section(
                "Argon2",
                "io.portalinvite.benchmarks.Argon2Benchmark",
                new int[] {1},
                o -> o.warmupIterations(1)
                        .warmupTime(TimeValue.seconds(1))
                        .measurementIterations(3)
                        .measurementTime(TimeValue.seconds(1)),
                threads -> {
                    List<Row> rows = new ArrayList<>();
                    for (String cost : List.of("19456/2", "47104/1")) {
                        String floor = "floorComputeOnResidentArea@" + cost;
                        String p = " (m=" + cost.replace("/", " KiB, t=") + ")";
                        // context: separate forks minutes apart do not cancel the machine's load;
                        // the verdict on these two comes from the interleaved rows (interleavedTable)
                        rows.add(new Row(
                                "context: registration: PasswordHasher.hash vs Argon2id compute, JMH forks" + p,
                                "libraryRegistrationHash@" + cost,
                                floor,
                                0,
                                "see interleaved row"));
                        rows.add(new Row(
                                "context: login: LoginService.login (in-memory stores) vs Argon2id compute, JMH forks"
                                        + p,
                                "libraryLogin@" + cost,
                                floor,
                                0,
                                "see interleaved row"));
                        rows.add(new Row(
                                "before: argon2-jvm as shipped (malloc per call) vs Argon2id compute" + p,
                                "argon2JvmMallocPerCall@" + cost,
                                floor,
                                0,
                                "-"));
                        rows.add(new Row(
                                "argon2-jvm, glibc mmap off, vs Argon2id compute" + p,
                                "argon2JvmWithoutMmap@" + cost,
                                floor,
                                0,
                                "-"));
                        rows.add(new Row(
                                "Bouncy Castle pure-Java Argon2id vs Argon2id compute" + p,
                                "bouncyCastle@" + cost,
                                floor,
                                0,
                                "-"));
                    }
                    return rows;
                },
                fromMillisPerOp));
        sections.add(new Section(
                "Database",
                "io.portalinvite.benchmarks.(Invite|Redemption)Benchmark",
                new int[] {1, 8},
                o -> o.warmupIterations(1)
                        .warmupTime(TimeValue.seconds(1))
                        .measurementIterations(3)
                        .measurementTime(TimeValue.seconds(1)),
                threads -> List.of(
                        new Row(
                                "invite vs the same rows by hand-written JDBC (one round trip, one commit)",
                                "invite",
                                "sameRowsFloor",
                                1.15,
                                "≤ 1.15×"),
                        new Row(
                                "context: invite vs bare single-row INSERT transaction",
                                "invite",
                                "bareInsertTransaction",
                                0,
                                "-"),
                        new Row(
                                "context: same-rows floor vs bare single-row INSERT transaction",
                                "sameRowsFloor",
                                "bareInsertTransaction",
                                0,
                                "-"),
                        new Row(
                                "invite vs Spring Security JdbcOneTimeTokenService.generate",
                                "invite",
                                "springGenerate",
                                1.0,
                                "≤ 1.0×"),
                        new Row(
                                "redemption vs bare conditional UPDATE",
                                "redeem",
                                "bareConditionalUpdate",
                                1.2,
                                "≤ 1.2×"),
                        new Row(
                                "redemption vs Spring Security JdbcOneTimeTokenService.consume",
                                "redeem",
                                "springConsume",
                                1.0,
                                "≤ 1.0×"),
                        new Row(
                                "context: invite on in-memory stores (library CPU) vs bare INSERT transaction",
                                "inviteInMemory",
                                "bareInsertTransaction",
                                0,
                                "-"),
                        new Row(
                                "context: Spring generate vs bare INSERT transaction",
                                "springGenerate",
                                "bareInsertTransaction",
                                0,
                                "-"),
                        new Row(
                                "context: Spring consume vs bare conditional UPDATE",
                                "springConsume",
                                "bareConditionalUpdate",
                                0,
                                "-")),
                opsPerSecond));
        sections.add(new Section(
                "Smtp",
                "io.portalinvite.benchmarks.(Smtp|Outbox)Benchmark",
                new int[] {1},
                // single shots: 2 000 messages on in-memory stores, 500 on PostgreSQL
                o -> o.warmupIterations(1).measurementIterations(3),
                threads -> List.of(
                        new Row(
                                "outbox, 1 dispatcher, PostgreSQL → GreenMail vs SMTP server alone",
                                "libraryDispatchers@1",
                                "bareReusedConnection",
                                1.25,
                                "≤ 1.25× (≥ 80 % of SMTP alone)"),
                        new Row(
                                "outbox, 2 dispatchers, PostgreSQL → GreenMail vs SMTP server alone",
                                "libraryDispatchers@2",
                                "bareReusedConnection",
                                1.25,
                                "≤ 1.25× (≥ 80 % of SMTP alone)"),
                        new Row(
                                "outbox, 3 dispatchers, PostgreSQL → GreenMail vs SMTP server alone",
                                "libraryDispatchers@3",
                                "bareReusedConnection",
                                1.25,
                                "≤ 1.25× (≥ 80 % of SMTP alone)"),
                        new Row(
                                "outbox, 1 dispatcher, in-memory stores → GreenMail vs SMTP server alone",
                                "libraryPath",
                                "bareReusedConnection",
                                1.25,
                                "≤ 1.25× (≥ 80 % of SMTP alone)"),
                        new Row(
                                "context: bare new SMTP connection per message vs SMTP server alone",
                                "bareNewConnectionPerMessage",
                                "bareReusedConnection",
                                0,
                                "-")),
                fromSecondsPerOp));
        // bulk invitation is one long operation per JVM, not a JMH benchmark: see bulkTable()
        return sections;
    }

    /**
     * Runs the suite.
     *
     * @param args optional: a regular expression selecting sections by name (Argon2, Database, Smtp, Bulk)
     * @throws RunnerException when JMH fails
     * @throws IOException when the results cannot be written
     */
    public static void main(String[] args) throws RunnerException, IOException {
        String selection = args.length > 0 ? args[0] : ".*";
        Instant started = Instant.now();
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        StringBuilder table = new StringBuilder(
                "| figure | threads | cost ratio min | median | max | library ops/s (median) | baseline ops/s (median)"
                        + " | target | met? |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Section section : sections()) {
            if (!section.name().matches(selection)) {
                continue;
            }
            for (int threads : section.threads()) {
                // FORKS rounds of one fork each, every benchmark of the section per round: fork i of a
                // library path and fork i of its baseline run minutes apart at most, not a whole
                // section apart, which matters on a machine whose load changes
                Map<String, double[]> forks = new LinkedHashMap<>();
                for (int round = 0; round < FORKS; round++) {
                    forkScores(new Runner(section.options()
                                            .apply(options(section.include(), threads))
                                            .build())
                                    .run())
                            .forEach((key, scores) -> forks.merge(key, scores, RunBenchmarks::concat));
                }
                for (Row row : section.rows().apply(threads)) {
                    row(table, row, threads, forks.get(row.library()), forks.get(row.baseline()), section.perSecond());
                }
            }
        }
        if ("Argon2".matches(selection)) {
            table.append(interleavedTable());
        }
        if ("Bulk".matches(selection)) {
            table.append(bulkTable());
        }
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        String report = "# Benchmark results\n\n" + machine(started, loadBefore, loadAfter)
                + "\nCost ratio = library time per operation ÷ baseline time per operation (lower is better; 1.00× is"
                + " the baseline), per fork (fork i of the library paired with fork i of its baseline), min / median"
                + " / max over " + FORKS + " forks. The target verdict uses the median.\n\n" + table;
        Path out = Path.of("benchmarks/results/latest.md");
        if (!Files.isDirectory(Path.of("benchmarks"))) {
            out = Path.of("results/latest.md");
        }
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println(report);
        System.out.println("written to " + out.toAbsolutePath());
    }

    /**
     * Runs {@link BulkInvitationBenchmark} in {@link #FORKS} child JVMs limited to 256 MiB of heap (an
     * unbounded run would fail there rather than report) and tabulates wall time, the cost ratio to
     * bare JDBC batches of the same number of rows, and the peak heap.
     */
    private static String bulkTable() throws IOException {
        // one row in the main table (ratio to its baseline, like every other figure), then the
        // bulk-specific figures (wall time, heap) in a small table of their own
        int n = FORKS;
        double[] seconds = new double[n];
        double[] ratios = new double[n];
        double[] heapMiB = new double[n];
        for (int i = 0; i < n; i++) {
            Process p = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Xmx256m",
                            "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                            "-cp",
                            System.getProperty("java.class.path"),
                            BulkInvitationBenchmark.class.getName())
                    .redirectErrorStream(true)
                    .start();
            String line = null;
            try (var out = new java.io.BufferedReader(
                    new java.io.InputStreamReader(p.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
                for (String l = out.readLine(); l != null; l = out.readLine()) {
                    if (l.startsWith("BULK ")) {
                        line = l;
                    }
                }
            }
            try {
                if (p.waitFor() != 0 || line == null) {
                    throw new IOException("bulk invitation fork " + (i + 1) + " failed (exit " + p.exitValue() + ")");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            Map<String, String> kv = new LinkedHashMap<>();
            for (String part : line.substring(5).split(" ")) {
                kv.put(part.substring(0, part.indexOf('=')), part.substring(part.indexOf('=') + 1));
            }
            seconds[i] = Double.parseDouble(kv.get("seconds"));
            ratios[i] = seconds[i] / Double.parseDouble(kv.get("baselineSeconds"));
            heapMiB[i] = Long.parseLong(kv.get("peakHeapBytes")) / 1048576.0;
        }
        double[] baselineRowsPerSecond = new double[n];
        for (int i = 0; i < n; i++) {
            baselineRowsPerSecond[i] = BulkInvitationBenchmark.PATIENTS / (seconds[i] / ratios[i]);
        }
        Arrays.sort(seconds);
        Arrays.sort(ratios);
        Arrays.sort(heapMiB);
        Arrays.sort(baselineRowsPerSecond);
        boolean met = median(seconds) <= 60 && heapMiB[n - 1] < 256;
        String row = String.format(
                Locale.ROOT,
                "| bulk invitation of %,d patients (-Xmx256m) vs bare JDBC batches of the"
                        + " same number of one-row INSERTs | 1 | %.2f× | **%.2f×** | %.2f× | %s | %s | ≤ 60 s and < 256 MiB"
                        + " heap | %s |%n",
                BulkInvitationBenchmark.PATIENTS,
                ratios[0],
                median(ratios),
                ratios[n - 1],
                ops(BulkInvitationBenchmark.PATIENTS / median(seconds)),
                ops(median(baselineRowsPerSecond)),
                met ? "met" : "**not met**");
        return row + "\n"
                + String.format(
                        Locale.ROOT,
                        "Bulk invitation of %,d patients, durable PostgreSQL, -Xmx256m, %d forks:%n%n"
                                + "| figure | min | median | max | target | met? |%n| --- | --- | --- | --- | --- | --- |%n"
                                + "| wall time (s) | %.1f | **%.1f** | %.1f | ≤ 60 s | %s |%n"
                                + "| invitations per second | %,.0f | **%,.0f** | %,.0f | - | - |%n"
                                + "| cost ratio vs bare JDBC batches of one-row INSERTs (1 000 per commit) | %.1f× | **%.1f×**"
                                + " | %.1f× | - | - |%n"
                                + "| peak heap (MiB; sum of the heap pools' peaks, an upper bound) | %.0f | **%.0f** | %.0f"
                                + " | < 256 MiB | %s |%n",
                        BulkInvitationBenchmark.PATIENTS,
                        n,
                        seconds[0],
                        median(seconds),
                        seconds[n - 1],
                        median(seconds) <= 60 ? "met" : "**not met**",
                        BulkInvitationBenchmark.PATIENTS / seconds[n - 1],
                        BulkInvitationBenchmark.PATIENTS / median(seconds),
                        BulkInvitationBenchmark.PATIENTS / seconds[0],
                        ratios[0],
                        median(ratios),
                        ratios[n - 1],
                        heapMiB[0],
                        median(heapMiB),
                        heapMiB[n - 1],
                        heapMiB[n - 1] < 256 ? "met" : "**not met**");
    }

    /**
     * Decides the registration and login targets: runs {@link Argon2Interleaved} in {@link #FORKS}
     * child JVMs, each timing floor, registration and login call by call in alternation (so the
     * machine's changing load falls on both sides of every ratio), and tabulates min / median / max
     * over forks of each fork's median per-call ratio.
     */
    private static String interleavedTable() throws IOException {
        int n = FORKS;
        Map<String, double[]> ratios = new LinkedHashMap<>();
        Map<String, double[]> floorMillis = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            for (String line : childLines(Argon2Interleaved.class, "INTERLEAVED ", "-Xmx1g")) {
                Map<String, String> kv = keyValues(line.substring("INTERLEAVED ".length()));
                String cost = kv.get("cost");
                floorMillis.computeIfAbsent(cost, c -> new double[n])[i] = Double.parseDouble(kv.get("floorMillis"));
                for (String path : List.of("registration", "login")) {
                    ratios.computeIfAbsent(path + "@" + cost, k -> new double[n])[i] = Double.parseDouble(kv.get(path));
                }
            }
        }
        StringBuilder out = new StringBuilder();
        ratios.forEach((key, values) -> {
            String cost = key.substring(key.indexOf('@') + 1);
            double[] sorted = sorted(values);
            double floor = median(sorted(floorMillis.get(cost)));
            double median = median(sorted);
            out.append(String.format(
                    Locale.ROOT,
                    "| %s vs Argon2id compute (m=%s), interleaved call by call, median of %d per fork | 1 | %.2f×"
                            + " | **%.2f×** | %.2f× | %s | %s | ≤ 1.05× | %s |%n",
                    key.startsWith("registration") ? "registration: PasswordHasher.hash" : "login: LoginService.login",
                    cost.replace("/", " KiB, t="),
                    Argon2Interleaved.CALLS,
                    sorted[0],
                    median,
                    sorted[n - 1],
                    ops(1000.0 / (floor * median)),
                    ops(1000.0 / floor),
                    median <= 1.05 ? "met" : "**not met**"));
        });
        return out.toString();
    }

    /** Runs a main class in a child JVM on this class path and returns its output lines with a prefix. */
    private static List<String> childLines(Class<?> main, String prefix, String heap) throws IOException {
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        heap,
                        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                        "-Dbench.argon2.calls=" + Argon2Interleaved.CALLS,
                        "-cp",
                        System.getProperty("java.class.path"),
                        main.getName())
                .redirectErrorStream(true)
                .start();
        List<String> lines = new ArrayList<>();
        try (var out = new java.io.BufferedReader(
                new java.io.InputStreamReader(p.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
            for (String l = out.readLine(); l != null; l = out.readLine()) {
                if (l.startsWith(prefix)) {
                    lines.add(l);
                }
            }
        }
        try {
            if (p.waitFor() != 0 || lines.isEmpty()) {
                throw new IOException(main.getSimpleName() + " failed (exit " + p.exitValue() + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return lines;
    }

    private static Map<String, String> keyValues(String line) {
        Map<String, String> kv = new LinkedHashMap<>();
        for (String part : line.split(" ")) {
            kv.put(part.substring(0, part.indexOf('=')), part.substring(part.indexOf('=') + 1));
        }
        return kv;
    }

    private static ChainedOptionsBuilder options(String include, int threads) {
        return new OptionsBuilder()
                .include(include)
                .threads(threads)
                .forks(1)
                // the library logs one INFO line per invite; production appenders are buffered,
                // the console is not, and the baselines log nothing
                .jvmArgsAppend("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    }

    /** Per benchmark key ({@code method} or {@code method@param}), each fork's score, in fork order. */
    private static Map<String, double[]> forkScores(Collection<RunResult> results) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (RunResult r : results) {
            String label = r.getParams().getBenchmark();
            String key = label.substring(label.lastIndexOf('.') + 1);
            List<String> params = new ArrayList<>(r.getParams().getParamsKeys());
            if (!params.isEmpty()) {
                key += "@" + r.getParams().getParam(params.get(0));
            }
            out.put(
                    key,
                    r.getBenchmarkResults().stream()
                            .mapToDouble(b -> b.getPrimaryResult().getScore())
                            .toArray());
        }
        return out;
    }

    private static void row(
            StringBuilder table,
            Row row,
            int threads,
            double[] library,
            double[] baseline,
            Function<Double, Double> perSecond) {
        if (library == null || baseline == null) {
            return;
        }
        int n = Math.min(library.length, baseline.length);
        double[] ratios = new double[n];
        double[] libraryOps = new double[n];
        double[] baselineOps = new double[n];
        for (int i = 0; i < n; i++) {
            libraryOps[i] = perSecond.apply(library[i]);
            baselineOps[i] = perSecond.apply(baseline[i]);
            ratios[i] = baselineOps[i] / libraryOps[i];
        }
        Arrays.sort(ratios);
        double median = median(ratios);
        String met = row.target() == 0 ? "-" : median <= row.target() ? "met" : "**not met**";
        table.append(String.format(
                Locale.ROOT,
                "| %s | %d | %.2f× | **%.2f×** | %.2f× | %s | %s | %s | %s |%n",
                row.name(),
                threads,
                ratios[0],
                median,
                ratios[n - 1],
                ops(median(sorted(libraryOps))),
                ops(median(sorted(baselineOps))),
                row.targetText(),
                met));
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static double[] sorted(double[] values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String ops(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String machine(Instant started, double loadBefore, double loadAfter) {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .orElse(cpu);
        } catch (IOException | RuntimeException e) {
            // not Linux: the processor count and the OS name still say something
        }
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        return String.format(
                Locale.ROOT,
                "Started %s, finished %s, on %s: %d cores (%s), %.1f GiB RAM, Java %s (%s)."
                        + " System load average %.2f at the start and %.2f at the end (other work on the machine shows"
                        + " here).%n",
                started,
                Instant.now(),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                Runtime.getRuntime().availableProcessors(),
                cpu,
                memory / (1024.0 * 1024 * 1024),
                System.getProperty("java.version"),
                System.getProperty("java.vm.name"),
                loadBefore,
                loadAfter);
    }
}
