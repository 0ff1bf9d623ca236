package io.portalinvite.benchmarks;

import java.util.Arrays;
import java.util.Locale;

/**
 * A load-robust cross-check of {@link Argon2Benchmark}: in one JVM and one thread, calls the floor,
 * registration, login and argon2-jvm as shipped in turn, 40 times, and prints the median of the
 * per-call ratios to the floor call just before. Interleaving cancels the machine's changing load,
 * which separate JMH forks minutes apart cannot: the suite ({@link RunBenchmarks}) decides the
 * registration and login targets with it, in {@link RunBenchmarks#FORKS} child JVMs. Run alone:
 * {@code java -cp benchmarks/target/benchmarks.jar io.portalinvite.benchmarks.Argon2Interleaved}.
 */
public final class Argon2Interleaved {

    /** Rounds per cost (-Dbench.argon2.calls): the median of this many per-call ratios. */
    static final int CALLS = Integer.getInteger("bench.argon2.calls", 40);

    private Argon2Interleaved() {}

    /**
     * Runs the comparison at both costs.
     *
     * @param args none
     */
    public static void main(String[] args) {
        for (String cost : new String[] {"19456/2", "47104/1"}) {
            Argon2Benchmark b = new Argon2Benchmark();
            b.cost = cost;
            b.start();
            Argon2Benchmark.Floor floor = new Argon2Benchmark.Floor();
            for (int i = 0; i < 5; i++) {
                b.floorComputeOnResidentArea(floor);
                b.libraryRegistrationHash();
                b.libraryLogin();
                b.argon2JvmMallocPerCall();
            }
            double[] registration = new double[CALLS];
            double[] login = new double[CALLS];
            double[] shipped = new double[CALLS];
            double[] floorMillis = new double[CALLS];
            for (int i = 0; i < CALLS; i++) {
                long f = time(() -> b.floorComputeOnResidentArea(floor));
                registration[i] = (double) time(b::libraryRegistrationHash) / f;
                login[i] = (double) time(b::libraryLogin) / f;
                shipped[i] = (double) time(b::argon2JvmMallocPerCall) / f;
                floorMillis[i] = f / 1e6;
            }
            System.out.printf(
                    Locale.ROOT,
                    "m/t=%s: floor median %.1f ms; median per-call cost ratio to the floor:"
                            + " registration %.3f, login %.3f, argon2-jvm as shipped %.3f%n",
                    cost,
                    median(floorMillis),
                    median(registration),
                    median(login),
                    median(shipped));
            // one machine-readable line per cost, read by RunBenchmarks when it runs this in child JVMs
            System.out.printf(
                    Locale.ROOT,
                    "INTERLEAVED cost=%s floorMillis=%.4f registration=%.4f login=%.4f shipped=%.4f%n",
                    cost,
                    median(floorMillis),
                    median(registration),
                    median(login),
                    median(shipped));
        }
    }

    private static long time(Runnable call) {
        long start = System.nanoTime();
        call.run();
        return System.nanoTime() - start;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
