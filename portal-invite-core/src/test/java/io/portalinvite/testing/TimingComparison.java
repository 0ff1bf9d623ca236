package io.portalinvite.testing;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Random;
import java.util.function.IntConsumer;

/**
 * Compares the response time of two paths that must not be told apart by timing (checklist E2,
 * ASVS 6.3.8): known vs unknown account at login, and — for the password-reset request — known vs
 * unknown email. Built to hold on a noisy, shared 2-core machine: the two paths are <em>interleaved</em>
 * (each round runs both, in an order drawn from a seeded random source), so a burst of load from
 * elsewhere slows both alike; warm-up rounds are discarded; and the comparison uses medians, which a
 * few descheduled samples do not move. Two measures are kept for each call: the wall-clock time (what
 * an attacker observes), compared round by round as the median of the paired differences, which
 * cancels load that comes and goes; and the calling thread's CPU time, which counts the work done
 * and none of the waiting for a core that other processes cause. Medians and trimmed means of each
 * path are reported too.
 *
 * <p>Reuse for another pair of paths:
 *
 * <pre>{@code
 * TimingComparison.Result r = TimingComparison.interleaved(
 *         "known email", i -> portal.reset().request(known.get(i)),
 *         "unknown email", i -> portal.reset().request("nobody-" + i + "@example.org"),
 *         200, 20);
 * assertThat(r.pairedDifference()).as(r.toString()).isLessThan(0.05);
 * assertThat(r.cpuMedianDifference()).as(r.toString()).isLessThan(0.05);
 * }</pre>
 */
public final class TimingComparison {

    private TimingComparison() {}

    /**
     * Runs {@code warmUp} discarded rounds and then {@code samples} measured rounds, each timing one
     * call of each path in random order.
     *
     * @param nameA what path A is
     * @param a path A; gets the round number (warm-up rounds first), so each call can use fresh data
     * @param nameB what path B is
     * @param b path B, likewise
     * @param samples measured calls of each path
     * @param warmUp discarded rounds before measuring
     * @return the timings
     */
    public static Result interleaved(
            String nameA, IntConsumer a, String nameB, IntConsumer b, int samples, int warmUp) {
        return interleaved(nameA, a, nameB, b, samples, warmUp, 0);
    }

    /**
     * Like {@link #interleaved(String, IntConsumer, String, IntConsumer, int, int)}, and then, while
     * either wall-clock measure — the paired difference or the trimmed means' difference — is not
     * clearly below {@code limit} (at or above 60 % of it), as happens when other processes load the
     * machine and every sample is noisy, measures {@code samples} more rounds, up to
     * {@code maxSamples}, and judges all of them together. More samples narrow the estimate; they do
     * not move it, so a real difference still shows. The trimmed means need this more than the
     * paired median: they keep the slow rounds that a burst of load causes, and a path whose time is
     * drawn from recent history (as the padded imported-hash check is) meets such a burst in other
     * rounds than the path it follows.
     *
     * @param nameA what path A is
     * @param a path A; gets the round number, unique across the whole run
     * @param nameB what path B is
     * @param b path B, likewise
     * @param samples measured calls of each path per step, and at least
     * @param warmUp discarded rounds before measuring
     * @param limit the relative difference the caller will assert against, e.g. 0.05
     * @param maxSamples the most measured calls of each path
     * @return the timings of every measured round
     */
    public static Result interleavedUntilSettled(
            String nameA,
            IntConsumer a,
            String nameB,
            IntConsumer b,
            int samples,
            int warmUp,
            double limit,
            int maxSamples) {
        Result result = interleaved(nameA, a, nameB, b, samples, warmUp, 0);
        while (Math.max(result.pairedDifference(), result.trimmedMeanDifference()) >= 0.6 * limit
                && result.samples() + samples <= maxSamples) {
            result = result.plus(interleaved(nameA, a, nameB, b, samples, 0, warmUp + result.samples()));
        }
        return result;
    }

    private static Result interleaved(
            String nameA, IntConsumer a, String nameB, IntConsumer b, int samples, int warmUp, int firstRound) {
        Random order = new Random(0x5EED + firstRound);
        long[] timesA = new long[samples];
        long[] timesB = new long[samples];
        long[] cpuA = new long[samples];
        long[] cpuB = new long[samples];
        long[] pair = new long[2];
        for (int round = 0; round < warmUp + samples; round++) {
            boolean aFirst = order.nextBoolean();
            time(aFirst ? a : b, firstRound + round, pair);
            long firstWall = pair[0];
            long firstCpu = pair[1];
            time(aFirst ? b : a, firstRound + round, pair);
            if (round >= warmUp) {
                int i = round - warmUp;
                timesA[i] = aFirst ? firstWall : pair[0];
                timesB[i] = aFirst ? pair[0] : firstWall;
                cpuA[i] = aFirst ? firstCpu : pair[1];
                cpuB[i] = aFirst ? pair[1] : firstCpu;
            }
        }
        return new Result(nameA, timesA, cpuA, nameB, timesB, cpuB);
    }

    private static void time(IntConsumer path, int round, long[] wallAndCpu) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        path.accept(round);
        wallAndCpu[0] = System.nanoTime() - start;
        wallAndCpu[1] = threads.getCurrentThreadCpuTime() - cpuStart;
    }

    /**
     * The measured times of both paths, round by round.
     *
     * @param nameA what path A is
     * @param timesA its wall-clock times in nanoseconds
     * @param cpuA its thread CPU times in nanoseconds
     * @param nameB what path B is
     * @param timesB its wall-clock times in nanoseconds
     * @param cpuB its thread CPU times in nanoseconds
     */
    public record Result(String nameA, long[] timesA, long[] cpuA, String nameB, long[] timesB, long[] cpuB) {

        /** @return how many calls of each path were measured */
        public int samples() {
            return timesA.length;
        }

        /**
         * Joins two measurements of the same paths.
         *
         * @param more later rounds
         * @return every round of both
         */
        public Result plus(Result more) {
            return new Result(
                    nameA,
                    concat(timesA, more.timesA),
                    concat(cpuA, more.cpuA),
                    nameB,
                    concat(timesB, more.timesB),
                    concat(cpuB, more.cpuB));
        }

        private static long[] concat(long[] x, long[] y) {
            long[] out = Arrays.copyOf(x, x.length + y.length);
            System.arraycopy(y, 0, out, x.length, y.length);
            return out;
        }

        /** @return the median time of path A in nanoseconds */
        public double medianA() {
            return median(timesA);
        }

        /** @return the median time of path B in nanoseconds */
        public double medianB() {
            return median(timesB);
        }

        /** @return |median A − median B| relative to the smaller median, e.g. 0.03 for 3 % */
        public double medianDifference() {
            return Math.abs(medianA() - medianB()) / Math.min(medianA(), medianB());
        }

        /**
         * The typical wall-clock gap between the two paths measured in the same round: the median of
         * (A − B) over the rounds, relative to the smaller median.
         *
         * @return e.g. 0.03 for 3 %
         */
        public double pairedDifference() {
            long[] gaps = new long[timesA.length];
            for (int i = 0; i < gaps.length; i++) {
                gaps[i] = timesA[i] - timesB[i];
            }
            return Math.abs(median(gaps)) / Math.min(medianA(), medianB());
        }

        /** @return |median CPU time A − median CPU time B| relative to the smaller, e.g. 0.03 for 3 % */
        public double cpuMedianDifference() {
            return Math.abs(median(cpuA) - median(cpuB)) / Math.min(median(cpuA), median(cpuB));
        }

        /** @return the same for means without the slowest and fastest 10 % of each path */
        public double trimmedMeanDifference() {
            double ta = trimmedMean(timesA);
            double tb = trimmedMean(timesB);
            return Math.abs(ta - tb) / Math.min(ta, tb);
        }

        @Override
        public String toString() {
            return String.format(
                    java.util.Locale.ROOT,
                    "%s: median %.2f ms (CPU %.2f ms), trimmed mean %.2f ms; %s: median %.2f ms (CPU %.2f ms), "
                            + "trimmed mean %.2f ms; difference %.2f %% (paired), %.2f %% (medians), %.2f %% "
                            + "(trimmed means), %.2f %% (CPU medians); %d samples each",
                    nameA,
                    medianA() / 1e6,
                    median(cpuA) / 1e6,
                    trimmedMean(timesA) / 1e6,
                    nameB,
                    medianB() / 1e6,
                    median(cpuB) / 1e6,
                    trimmedMean(timesB) / 1e6,
                    100 * pairedDifference(),
                    100 * medianDifference(),
                    100 * trimmedMeanDifference(),
                    100 * cpuMedianDifference(),
                    timesA.length);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Result r
                    && nameA.equals(r.nameA)
                    && nameB.equals(r.nameB)
                    && Arrays.equals(timesA, r.timesA)
                    && Arrays.equals(timesB, r.timesB)
                    && Arrays.equals(cpuA, r.cpuA)
                    && Arrays.equals(cpuB, r.cpuB);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(timesA) + Arrays.hashCode(timesB);
        }

        private static double median(long[] times) {
            long[] sorted = times.clone();
            Arrays.sort(sorted);
            int n = sorted.length;
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
        }

        private static double trimmedMean(long[] times) {
            long[] sorted = times.clone();
            Arrays.sort(sorted);
            int cut = sorted.length / 10;
            return Arrays.stream(sorted, cut, sorted.length - cut).average().orElse(0);
        }
    }
}
