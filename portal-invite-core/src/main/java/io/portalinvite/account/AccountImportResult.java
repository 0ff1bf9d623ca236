package io.portalinvite.account;

import io.portalinvite.internal.bulk.BulkRuns;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a bulk account import did. Its size does not grow with the input: counts by reason, plus a
 * sample of at most {@link AccountImportService.ImportOptions#sampleLimit()} rejected rows (use
 * {@link AccountImportService.ImportOptions#onRejected()} to see every one).
 *
 * @param processed accounts read (a file's lines for one account count once)
 * @param imported accounts created
 * @param skipped skipped accounts by reason (no {@link ImportRejection.Reason#INVALID} key)
 * @param invalid invalid accounts by their first broken rule, {@code field:rule}
 * @param sample the first rejected rows, in input order
 * @param sampleComplete true when the sample holds every rejected row
 */
public record AccountImportResult(
        long processed,
        long imported,
        Map<ImportRejection.Reason, Long> skipped,
        Map<String, Long> invalid,
        List<ImportRejection> sample,
        boolean sampleComplete) {

    /** Copies the collections. */
    public AccountImportResult {
        skipped = Map.copyOf(Objects.requireNonNull(skipped, "skipped"));
        invalid = Map.copyOf(Objects.requireNonNull(invalid, "invalid"));
        sample = List.copyOf(Objects.requireNonNull(sample, "sample"));
    }

    /**
     * Returns the number of skipped accounts.
     *
     * @return the sum over every reason
     */
    public long skippedTotal() {
        return BulkRuns.total(skipped);
    }

    /**
     * Returns the number of invalid accounts.
     *
     * @return the sum over every rule
     */
    public long invalidTotal() {
        return BulkRuns.total(invalid);
    }

    /**
     * Where an import is, told after each chunk commits.
     *
     * @param processed accounts read so far
     * @param imported accounts created so far
     * @param skipped accounts skipped so far
     * @param invalid accounts refused by validation so far
     */
    public record ImportProgress(long processed, long imported, long skipped, long invalid) {}

    /**
     * One account the import did not create. It names the row, never the email or the hash.
     *
     * @param row the row's position in the input, from 1 (for a file: the line number)
     * @param reason why it was not created
     * @param detail for an invalid row, the first broken rule as {@code field:rule} (e.g.
     *     {@code passwordHash:password_hash.malformed}); for a skipped row, the reason's code
     */
    public record ImportRejection(long row, Reason reason, String detail) {

        /** Checks presence. */
        public ImportRejection {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }

        /** Why an account was not created. */
        public enum Reason {
            /** An account with this email exists already (imported before, or registered here); it was left as it is. */
            ALREADY_EXISTS,
            /** An earlier row of the same chunk had the same email. */
            REPEATED_IN_INPUT,
            /** The row broke a validation rule (see {@link ImportRejection#detail()}). */
            INVALID;

            /**
             * Tells whether rows with this reason count as skipped rather than invalid.
             *
             * @return true for every reason but {@link #INVALID}
             */
            public boolean skipped() {
                return this != INVALID;
            }
        }
    }
}
