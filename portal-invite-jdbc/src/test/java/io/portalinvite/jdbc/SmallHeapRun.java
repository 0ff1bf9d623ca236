package io.portalinvite.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The scaffolding of the scale tests: a run's main class goes in a child JVM limited to
 * {@code -Xmx256m}, so that the heap limit applies to it alone, and reports its figures in one
 * {@code RESULT key=value ...} line; the test reads that line back. The run's side measures its
 * heap and counts rows with the helpers here.
 */
final class SmallHeapRun {

    /** The child JVM's heap limit. */
    static final long MAX_HEAP = 256L * 1024 * 1024;

    private SmallHeapRun() {}

    /**
     * Runs a main class in a child JVM limited to {@link #MAX_HEAP}, fails unless it exits cleanly
     * with a result line, and writes that line to {@code target/<resultFile>}.
     *
     * @param main the class whose {@code main} runs
     * @param resultFile the file under {@code target} that keeps the figures
     * @return the figures, by key
     */
    static Map<String, String> figuresOf(Class<?> main, String resultFile) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(
                        java,
                        "-Xmx256m",
                        "-XX:+UseSerialGC",
                        "-cp",
                        System.getProperty("java.class.path"),
                        main.getName())
                .redirectErrorStream(true);
        pb.environment().putAll(System.getenv());
        Process process = pb.start();
        StringBuilder output = new StringBuilder();
        String result = null;
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("RESULT ")) {
                    result = line;
                } else if (output.length() < 20_000) {
                    output.append(line).append('\n');
                }
            }
        }
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as("child JVM output:\n%s", output).isZero();
        assertThat(result).as("child JVM output:\n%s", output).isNotNull();
        Files.writeString(Path.of("target", resultFile), result + "\n");
        System.out.println(main.getSimpleName() + ": " + result);
        Map<String, String> figures = new HashMap<>();
        for (String part : result.substring("RESULT ".length()).split(" ")) {
            int eq = part.indexOf('=');
            figures.put(part.substring(0, eq), part.substring(eq + 1));
        }
        return figures;
    }

    /**
     * Returns the live heap after a few full collections.
     *
     * @return bytes in use
     */
    static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * Returns the peak heap use so far, over every heap pool.
     *
     * @return bytes
     */
    static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    /**
     * Runs a {@code SELECT COUNT(*)} query.
     *
     * @param db the database
     * @param sql the query
     * @return its count
     */
    static long count(TestDatabase db, String sql) {
        try (var c = db.dataSource().getConnection();
                var s = c.createStatement();
                var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
