package io.portalinvite.password;

import com.sun.jna.Memory;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * A bounded pool of native memory blocks for libargon2's work area, keyed by size.
 *
 * <p>Why it exists: libargon2 mallocs its block array (19 MiB at the OWASP minimum, 46 MiB at
 * m=47104) on every call. Above glibc's mmap threshold every such malloc is a fresh {@code mmap}:
 * the kernel hands out zeroed pages that fault in one by one while hashing, and {@code free}
 * unmaps them again, which at 46 MiB costs several times the Argon2 compute itself. A block taken
 * from this pool is already mapped and touched, so a hash pays only the compute.
 *
 * <p>Bound: at most {@code maxBlocks} blocks exist at once, counting blocks handed out and blocks
 * idle in the pool. The hasher's concurrency bound is passed as {@code maxBlocks}, so the pool
 * never holds more than one block per permitted concurrent hash. A request for a size with no idle
 * block evicts (frees) an idle block of another size when the pool is full. Blocks larger than
 * {@code retainLimitBytes} (a stored hash with a higher memory cost than configured, typically
 * before a parameter downgrade) and requests beyond the bound (impossible behind the hasher's
 * semaphore, handled anyway) get a transient block, freed on release, exactly as libargon2 would
 * have done itself.
 *
 * <p>Secrecy: every block is all zeros while it is idle. The caller must zero a block (or have
 * libargon2 zero it) before {@link #release releasing} it; the pool trusts that, because zeroing
 * 46 MiB twice per hash would cost ~5 % of the hash for nothing.
 *
 * <p>Thread-safe; contention is negligible next to a hash of tens of milliseconds.
 */
final class NativeBlockPool {

    private final int maxBlocks;
    private final long retainLimitBytes;
    private final Map<Long, ArrayDeque<Memory>> idle = new HashMap<>();
    private int pooledBlocks;
    private int peakPooledBlocks;
    private int idleBlocks;
    private long transientBlocks;

    /**
     * Creates an empty pool.
     *
     * @param maxBlocks the most blocks that may be pooled at once (handed out plus idle)
     * @param retainLimitBytes blocks larger than this are never kept
     */
    NativeBlockPool(int maxBlocks, long retainLimitBytes) {
        if (maxBlocks < 1) {
            throw new IllegalArgumentException("maxBlocks must be at least 1, was " + maxBlocks);
        }
        this.maxBlocks = maxBlocks;
        this.retainLimitBytes = retainLimitBytes;
    }

    /**
     * Hands out a zeroed block of exactly {@code size} bytes, whose pages are already resident.
     *
     * @param size the block size in bytes
     * @return a block; the caller must {@link #release} it
     */
    Block acquire(long size) {
        synchronized (this) {
            ArrayDeque<Memory> free = idle.get(size);
            if (free != null && !free.isEmpty()) {
                idleBlocks--;
                return new Block(free.pop(), true);
            }
            if (size <= retainLimitBytes) {
                if (pooledBlocks < maxBlocks) {
                    pooledBlocks++;
                    peakPooledBlocks = Math.max(peakPooledBlocks, pooledBlocks);
                    return new Block(newTouchedBlock(size), true);
                }
                if (evictOneIdleBlock()) {
                    return new Block(newTouchedBlock(size), true);
                }
            }
            transientBlocks++;
        }
        return new Block(new Memory(size), false);
    }

    /**
     * Takes a block back. A pooled block must already be all zeros; a transient one is zeroed
     * here and freed.
     *
     * @param block the block from {@link #acquire}
     */
    void release(Block block) {
        if (!block.pooled()) {
            block.memory().clear();
            block.memory().close();
            return;
        }
        synchronized (this) {
            idle.computeIfAbsent(block.memory().size(), s -> new ArrayDeque<>()).push(block.memory());
            idleBlocks++;
        }
    }

    /** Returns how many pooled blocks exist now (handed out plus idle). */
    synchronized int pooledBlocks() {
        return pooledBlocks;
    }

    /** Returns the most pooled blocks that ever existed at once. */
    synchronized int peakPooledBlocks() {
        return peakPooledBlocks;
    }

    /** Returns how many pooled blocks are idle now. */
    synchronized int idleBlocks() {
        return idleBlocks;
    }

    /** Returns how many transient (unpooled) blocks have been handed out so far. */
    synchronized long transientBlocks() {
        return transientBlocks;
    }

    /**
     * Reads every idle block in full and tells whether all are zero: the secrecy property, for
     * tests and diagnostics (it reads up to {@code maxBlocks × size} bytes).
     */
    synchronized boolean idleBlocksAreZero() {
        for (ArrayDeque<Memory> free : idle.values()) {
            for (Memory memory : free) {
                for (long offset = 0; offset + 8 <= memory.size(); offset += 8) {
                    if (memory.getLong(offset) != 0) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private boolean evictOneIdleBlock() {
        for (Iterator<ArrayDeque<Memory>> it = idle.values().iterator(); it.hasNext(); ) {
            ArrayDeque<Memory> free = it.next();
            if (!free.isEmpty()) {
                free.pop().close();
                idleBlocks--;
                if (free.isEmpty()) {
                    it.remove();
                }
                return true;
            }
        }
        return false;
    }

    /** Allocates a block and writes every page once, so later hashes never page-fault on it. */
    private static Memory newTouchedBlock(long size) {
        Memory memory = new Memory(size);
        memory.clear();
        return memory;
    }

    /**
     * A block handed out by the pool.
     *
     * @param memory the native memory
     * @param pooled whether it returns to the pool (otherwise it is freed on release)
     */
    record Block(Memory memory, boolean pooled) {}
}
