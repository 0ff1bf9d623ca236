package io.portalinvite.invitation;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a bulk invitation did. Its size does not grow with the input: counts by reason, plus a
 * sample of at most {@link BulkInvitationOptions#sampleLimit()} rejected rows (use
 * {@link BulkInvitationOptions#onRejected()} to see every one).
 *
 * @param processed rows read
 * @param invited invitations created
 * @param skipped skipped rows by reason (no {@link BulkRejection.Reason#INVALID} key)
 * @param invalid invalid rows by their first broken rule, {@code field:rule}
 * @param sample the first rejected rows, in input order
 * @param sampleComplete true when the sample holds every rejected row
 */
public record BulkInvitationResult(
        long processed,
        long invited,
        Map<BulkRejection.Reason, Long> skipped,
        Map<String, Long> invalid,
        List<BulkRejection> sample,
        boolean sampleComplete) {

    /** Copies the collections. */
    public BulkInvitationResult {
        skipped = Map.copyOf(Objects.requireNonNull(skipped, "skipped"));
        invalid = Map.copyOf(Objects.requireNonNull(invalid, "invalid"));
        sample = List.copyOf(Objects.requireNonNull(sample, "sample"));
    }

    /**
     * Returns the number of skipped rows.
     *
     * @return the sum over every reason
     */
    public long skippedTotal() {
        return skipped.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Returns the number of invalid rows.
     *
     * @return the sum over every rule
     */
    public long invalidTotal() {
        return invalid.values().stream().mapToLong(Long::longValue).sum();
    }
}
