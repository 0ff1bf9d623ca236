package io.portalinvite.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;

/**
 * Runs the same kind of task on several threads at once, for concurrency checks of stores: every
 * thread is started first, then all are released together by a {@link CountDownLatch}, so the
 * tasks overlap as much as the platform allows. Reuse one instance for repeated rounds and close it
 * at the end.
 */
public final class Race implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 30;

    private final int threads;
    private final ExecutorService pool;

    /**
     * Creates a race with a fixed number of threads.
     *
     * @param threads how many tasks run at once
     */
    public Race(int threads) {
        this.threads = threads;
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "store-contract-race");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Runs one task per thread, all released at the same moment, and waits for every one.
     *
     * @param task makes the task of thread {@code i} (0-based)
     * @param <T> the tasks' result type
     * @return each thread's outcome, by thread index
     * @throws IllegalStateException when the tasks do not finish within 30 seconds
     */
    public <T> List<Outcome<T>> run(IntFunction<Callable<T>> task) {
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>(threads);
        for (int i = 0; i < threads; i++) {
            Callable<T> work = task.apply(i);
            futures.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                return work.call();
            }));
        }
        try {
            if (!ready.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("race threads did not start");
            }
            go.countDown();
            List<Outcome<T>> outcomes = new ArrayList<>(threads);
            for (Future<T> f : futures) {
                try {
                    outcomes.add(new Outcome<>(f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS), null));
                } catch (ExecutionException e) {
                    outcomes.add(new Outcome<>(null, e.getCause()));
                }
            }
            return outcomes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while racing", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("race did not finish in " + TIMEOUT_SECONDS + " s (deadlock?)", e);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    /**
     * What one thread's task did.
     *
     * @param value what it returned, when it returned
     * @param failure what it threw, when it threw
     * @param <T> the result type
     */
    public record Outcome<T>(@Nullable T value, @Nullable Throwable failure) {

        /**
         * Tells whether the task returned normally.
         *
         * @return true when it did not throw
         */
        public boolean returned() {
            return failure == null;
        }
    }
}
