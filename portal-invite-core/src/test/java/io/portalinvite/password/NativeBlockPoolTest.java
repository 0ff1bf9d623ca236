package io.portalinvite.password;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The work-area pool's bound, reuse, eviction and transient blocks. */
@Timeout(60)
class NativeBlockPoolTest {

    @Test
    void acquireWhenBlockReleasedThenSameBlockReusedZeroed() {
        NativeBlockPool pool = new NativeBlockPool(2, 1 << 20);
        NativeBlockPool.Block first = pool.acquire(4096);
        long address = com.sun.jna.Pointer.nativeValue(first.memory());
        pool.release(first);
        NativeBlockPool.Block second = pool.acquire(4096);
        assertThat(com.sun.jna.Pointer.nativeValue(second.memory())).isEqualTo(address);
        assertThat(second.memory().getByteArray(0, 4096)).containsOnly(0);
        assertThat(pool.pooledBlocks()).isEqualTo(1);
    }

    @Test
    void acquireWhenFullOfIdleBlocksOfAnotherSizeThenEvictsInsteadOfGrowing() {
        NativeBlockPool pool = new NativeBlockPool(2, 1 << 20);
        NativeBlockPool.Block a = pool.acquire(4096);
        NativeBlockPool.Block b = pool.acquire(4096);
        pool.release(a);
        pool.release(b);
        NativeBlockPool.Block c = pool.acquire(8192);
        assertThat(c.pooled()).isTrue();
        assertThat(c.memory().size()).isEqualTo(8192);
        assertThat(pool.pooledBlocks()).isEqualTo(2);
        assertThat(pool.idleBlocks()).isEqualTo(1);
        assertThat(pool.peakPooledBlocks()).isEqualTo(2);
    }

    @Test
    void acquireWhenAllBlocksHandedOutThenTransientBlockAndPoolDoesNotGrow() {
        NativeBlockPool pool = new NativeBlockPool(1, 1 << 20);
        NativeBlockPool.Block held = pool.acquire(4096);
        NativeBlockPool.Block extra = pool.acquire(4096);
        assertThat(extra.pooled()).isFalse();
        extra.memory().setLong(0, 42);
        pool.release(extra);
        pool.release(held);
        assertThat(pool.pooledBlocks()).isEqualTo(1);
        assertThat(pool.transientBlocks()).isEqualTo(1);
    }

    @Test
    void acquireWhenLargerThanRetainLimitThenTransient() {
        NativeBlockPool pool = new NativeBlockPool(4, 4096);
        NativeBlockPool.Block big = pool.acquire(8192);
        assertThat(big.pooled()).isFalse();
        pool.release(big);
        assertThat(pool.pooledBlocks()).isZero();
        assertThat(pool.idleBlocks()).isZero();
    }

    @Test
    void acquireWhenManyThreadsMixedSizesThenPooledBlocksNeverExceedBound() throws Exception {
        int bound = 3;
        NativeBlockPool pool = new NativeBlockPool(bound, 1 << 20);
        AtomicInteger held = new AtomicInteger();
        AtomicInteger overlapBeyondBound = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                done.add(threads.submit(() -> {
                    for (int r = 0; r < 2000; r++) {
                        NativeBlockPool.Block block =
                                pool.acquire(ThreadLocalRandom.current().nextBoolean() ? 4096 : 8192);
                        if (block.pooled() && held.incrementAndGet() > bound) {
                            overlapBeyondBound.incrementAndGet();
                        }
                        if (block.pooled()) {
                            held.decrementAndGet();
                        }
                        pool.release(block);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(overlapBeyondBound).hasValue(0);
        assertThat(pool.peakPooledBlocks()).isLessThanOrEqualTo(bound);
        assertThat(pool.idleBlocks()).isEqualTo(pool.pooledBlocks());
    }
}
