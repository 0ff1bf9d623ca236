package io.portalinvite.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark beside its baseline, on 1 and 8 threads, and writes the ratios to
 * {@code benchmarks/results/latest.md} (and prints them). Ratios, not absolute figures, are what
 * hold across machines.
 */
public final class RunBenchmarks {

    private RunBenchmarks() {
    }

    /**
     * Runs the suite.
     *
     * @param args optional: a regular expression selecting benchmark classes (InviteBenchmark,
     *     RedemptionBenchmark, SmtpBenchmark); all by default
     * @throws RunnerException when JMH fails
     * @throws IOException when the results cannot be written
     */
    public static void main(String[] args) throws RunnerException, IOException {
        String selection = args.length > 0 ? args[0] : "";
        boolean database = selection.isEmpty() || selection.matches(".*(Invite|Redemption).*");
        boolean smtp = selection.isEmpty() || selection.contains("Smtp");
        StringBuilder report = new StringBuilder("# Benchmark results\n\nRun " + Instant.now() + " on "
                + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
                + ".\n\n| benchmark | threads | library ops/s | baseline ops/s | library cost ÷ baseline cost | target |\n"
                + "| --- | --- | --- | --- | --- | --- |\n");
        if (database) {
            String include = selection.isEmpty() ? "io.portalinvite.benchmarks.(Invite|Redemption)Benchmark" : selection;
            for (int threads : new int[] {1, 8}) {
                Map<String, Double> score = scores(new Runner(options(include, threads)
                        .warmupIterations(2).warmupTime(TimeValue.seconds(3))
                        .measurementIterations(3).measurementTime(TimeValue.seconds(3)).build()).run());
                row(report, "invite vs bare INSERT transaction", threads, score.get("invite"),
                        score.get("bareInsertTransaction"), "≤ 1.3");
                row(report, "redemption vs bare conditional UPDATE", threads, score.get("redeem"),
                        score.get("bareConditionalUpdate"), "≤ 1.2");
                row(report, "invite on in-memory stores vs bare INSERT transaction (library CPU share)", threads,
                        score.get("inviteInMemory"), score.get("bareInsertTransaction"), "-");
            }
        }
        if (smtp) {
            // single shots of 2 000 messages each; the score is seconds per message
            Map<String, Double> score = scores(new Runner(options("io.portalinvite.benchmarks.SmtpBenchmark", 1)
                    .warmupIterations(2).measurementIterations(5).build()).run());
            Double library = perSecond(score.get("libraryPath"));
            Double reused = perSecond(score.get("bareReusedConnection"));
            row(report, "SMTP: library path vs bare reused connection", 1, library, reused, "library ≥ 80 % of baseline");
            row(report, "SMTP: library path vs bare new connection per message", 1, library,
                    perSecond(score.get("bareNewConnectionPerMessage")), "-");
        }
        Path out = Path.of("benchmarks/results/latest.md");
        if (!Files.isDirectory(Path.of("benchmarks"))) {
            out = Path.of("results/latest.md");
        }
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println(report);
        System.out.println("written to " + out.toAbsolutePath());
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

    private static Double perSecond(Double secondsPerOp) {
        return secondsPerOp == null ? null : 1.0 / secondsPerOp;
    }

    private static Map<String, Double> scores(Collection<RunResult> results) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (RunResult r : results) {
            String label = r.getParams().getBenchmark();
            out.put(label.substring(label.lastIndexOf('.') + 1), r.getPrimaryResult().getScore());
        }
        return out;
    }

    private static void row(StringBuilder report, String name, int threads, Double library, Double baseline,
            String target) {
        if (library == null || baseline == null) {
            return;
        }
        report.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %.0f | %.2f× | %s |%n", name, threads, library,
                baseline, baseline / library, target));
    }
}
