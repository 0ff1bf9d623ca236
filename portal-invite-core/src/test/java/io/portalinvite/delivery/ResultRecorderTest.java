package io.portalinvite.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalinvite.common.InvitationId;
import io.portalinvite.storage.InMemoryPortalStorage;
import io.portalinvite.testing.StoreTestData;
import io.portalinvite.tx.TransactionRunner;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The recorder's bounds: at most N results per transaction and unrecorded, and none waits longer than T. */
@Timeout(30)
class ResultRecorderTest {

    private final InMemoryPortalStorage storage = new InMemoryPortalStorage();
    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private final AtomicInteger transaction = new AtomicInteger();
    private final List<List<Integer>> written = new CopyOnWriteArrayList<>();
    private final AtomicInteger unrecordedHighWater = new AtomicInteger();
    private final AtomicInteger added = new AtomicInteger();

    /** Counts transactions and remembers which results each one wrote. */
    private final TransactionRunner tx = new TransactionRunner() {
        @Override
        public <T> T inTransaction(Supplier<T> work) {
            written.add(new CopyOnWriteArrayList<>());
            transaction.incrementAndGet();
            return work.get();
        }

        @Override
        public void afterCommit(Runnable action) {
            action.run();
        }
    };

    @AfterEach
    void stop() {
        thread.shutdownNow();
    }

    @Test
    void recordWhenManyResultsThenAtMostNPerTransactionAndAtMostNUnrecordedAtAnyTime() {
        DispatchSettings settings = DispatchSettings.DEFAULT.withResultBatches(10, 3, Duration.ofMillis(50));
        ResultRecorder recorder = recorder(settings);

        for (int i = 0; i < 95; i++) {
            recorder.awaitRoom(io.portalinvite.common.Channel.EMAIL);
            int unrecorded = added.get() - recordedCount();
            unrecordedHighWater.accumulateAndGet(unrecorded + 1, Math::max);
            recorder.add(entry(i));
            added.incrementAndGet();
        }
        int recorded = recorder.finish();

        assertThat(recorded).isEqualTo(95);
        assertThat(written.stream().mapToInt(List::size).sum()).isEqualTo(95);
        assertThat(written).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(10));
        assertThat(written.size()).as("batched, not one transaction per result").isLessThan(40);
        assertThat(unrecordedHighWater.get()).isLessThanOrEqualTo(10);
        List<Integer> order = new ArrayList<>();
        written.forEach(order::addAll);
        assertThat(order).as("recorded in the order sent").isSorted();
    }

    @Test
    void recordWhenFewResultsThenWrittenAfterTheIntervalWithoutWaitingForTheEnd() throws Exception {
        DispatchSettings settings = DispatchSettings.DEFAULT.withResultBatches(100, 10, Duration.ofMillis(200));
        ResultRecorder recorder = recorder(settings);
        long start = System.nanoTime();

        recorder.add(entry(1));
        while (recordedCount() == 0 && System.nanoTime() - start < 5_000_000_000L) {
            Thread.sleep(5);
        }
        long waitedMillis = (System.nanoTime() - start) / 1_000_000;
        recorder.finish();

        assertThat(recordedCount()).isEqualTo(1);
        assertThat(waitedMillis).as("written once the interval passed").isBetween(150L, 2_000L);
    }

    private int recordedCount() {
        return written.stream().mapToInt(List::size).sum();
    }

    private ResultRecorder recorder(DispatchSettings settings) {
        ResultRecorder recorder = new ResultRecorder(
                tx, storage.outbox(), Clock.systemUTC(), settings, new StoreHealth(Clock.systemUTC()));
        thread.execute(recorder);
        return recorder;
    }

    private ResultRecorder.Entry entry(int n) {
        OutboundMessage message = StoreTestData.email(InvitationId.random(), StoreTestData.T0);
        return new ResultRecorder.Entry() {
            @Override
            public OutboundMessage outcome() {
                return message;
            }

            @Override
            public String claimId() {
                return "claim";
            }

            @Override
            public void write() {
                written.get(written.size() - 1).add(n);
            }
        };
    }
}
