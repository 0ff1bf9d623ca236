package io.portalinvite.internal.bulk;

import io.portalinvite.common.ValidationException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The chunking and the option checks every bulk run shares. */
public final class BulkRuns {

    /** The largest chunk a run writes in one transaction. */
    public static final int MAX_CHUNK_SIZE = 5_000;

    /** The most rejected rows a run's result keeps as a sample. */
    public static final int MAX_SAMPLE_LIMIT = 10_000;

    private BulkRuns() {}

    /**
     * Checks a run's options.
     *
     * @param prefix the options' field prefix, e.g. {@code bulk} for {@code bulk.chunkSize}
     * @param chunkSize rows per transaction, 1 to {@value #MAX_CHUNK_SIZE}
     * @param sampleLimit rejected rows kept, 0 to {@value #MAX_SAMPLE_LIMIT}
     * @throws ValidationException naming the field out of range
     */
    public static void checkOptions(String prefix, int chunkSize, int sampleLimit) {
        if (chunkSize < 1 || chunkSize > MAX_CHUNK_SIZE) {
            throw new ValidationException(prefix + ".chunkSize", "range", "must be between 1 and 5000");
        }
        if (sampleLimit < 0 || sampleLimit > MAX_SAMPLE_LIMIT) {
            throw new ValidationException(prefix + ".sampleLimit", "range", "must be between 0 and 10000");
        }
    }

    /**
     * Hands the input to a step in chunks of at most {@code chunkSize} rows, in input order, and
     * calls {@code afterChunk} after each; only one chunk is held at a time.
     *
     * @param rows the input
     * @param chunkSize rows per chunk
     * @param step runs one chunk (typically in one transaction)
     * @param afterChunk told after each chunk's step returned
     * @param <T> the row type
     */
    public static <T> void inChunks(Iterator<T> rows, int chunkSize, Consumer<List<T>> step, Runnable afterChunk) {
        List<T> chunk = new ArrayList<>(chunkSize);
        while (rows.hasNext()) {
            chunk.add(rows.next());
            if (chunk.size() == chunkSize) {
                step.accept(chunk);
                chunk.clear();
                afterChunk.run();
            }
        }
        if (!chunk.isEmpty()) {
            step.accept(chunk);
            afterChunk.run();
        }
    }

    /**
     * Sums counts kept by key.
     *
     * @param counts counts by reason or rule
     * @return their sum
     */
    public static long total(Map<?, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
