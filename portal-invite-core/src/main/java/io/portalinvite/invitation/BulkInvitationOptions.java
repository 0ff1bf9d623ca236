package io.portalinvite.invitation;

import io.portalinvite.common.ValidationException;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How a bulk invitation runs: chunk size, how many rejected rows the result keeps as a sample, and
 * the callbacks for progress and for every rejected row.
 *
 * @param chunkSize rows validated, checked and written per transaction (1 to 5 000; default 500)
 * @param sampleLimit rejected rows kept in {@link BulkInvitationResult#sample()} (0 to 10 000; default
 *     100); the result's counts cover every row whatever this is
 * @param onProgress told after each chunk commits
 * @param onRejected told of every skipped or invalid row, as it is decided; use it to keep the full list
 */
public record BulkInvitationOptions(
        int chunkSize, int sampleLimit, Consumer<BulkProgress> onProgress, Consumer<BulkRejection> onRejected) {

    /** Chunks of 500, a sample of 100, no callbacks. */
    public static final BulkInvitationOptions DEFAULT = new BulkInvitationOptions(500, 100, p -> {}, r -> {});

    /** Checks ranges. */
    public BulkInvitationOptions {
        Objects.requireNonNull(onProgress, "onProgress");
        Objects.requireNonNull(onRejected, "onRejected");
        if (chunkSize < 1 || chunkSize > 5_000) {
            throw new ValidationException("bulk.chunkSize", "range", "must be between 1 and 5000");
        }
        if (sampleLimit < 0 || sampleLimit > 10_000) {
            throw new ValidationException("bulk.sampleLimit", "range", "must be between 0 and 10000");
        }
    }

    /**
     * Returns these options with another chunk size.
     *
     * @param value rows per transaction
     * @return the changed options
     */
    public BulkInvitationOptions withChunkSize(int value) {
        return new BulkInvitationOptions(value, sampleLimit, onProgress, onRejected);
    }

    /**
     * Returns these options with another sample limit.
     *
     * @param value rejected rows kept in the result
     * @return the changed options
     */
    public BulkInvitationOptions withSampleLimit(int value) {
        return new BulkInvitationOptions(chunkSize, value, onProgress, onRejected);
    }

    /**
     * Returns these options with a progress callback.
     *
     * @param value told after each chunk commits
     * @return the changed options
     */
    public BulkInvitationOptions withProgress(Consumer<BulkProgress> value) {
        return new BulkInvitationOptions(chunkSize, sampleLimit, value, onRejected);
    }

    /**
     * Returns these options with a callback for every rejected row.
     *
     * @param value told of every skipped or invalid row
     * @return the changed options
     */
    public BulkInvitationOptions withRejected(Consumer<BulkRejection> value) {
        return new BulkInvitationOptions(chunkSize, sampleLimit, onProgress, value);
    }
}
