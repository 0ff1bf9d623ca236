package io.portalinvite.invitation;

import io.portalinvite.internal.bulk.BulkRuns;
import io.portalinvite.invitation.BulkInvitationService.BulkInvitationOptions;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

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
        return BulkRuns.total(skipped);
    }

    /**
     * Returns the number of invalid rows.
     *
     * @return the sum over every rule
     */
    public long invalidTotal() {
        return BulkRuns.total(invalid);
    }

    /**
     * Where a bulk invitation is, told after each chunk commits.
     *
     * @param processed rows read so far
     * @param invited invitations created so far
     * @param skipped rows skipped so far (already invited or registered, repeated in the input)
     * @param invalid rows refused by validation so far
     */
    public record BulkProgress(long processed, long invited, long skipped, long invalid) {}

    /**
     * One row a bulk invitation did not invite. It names the row and the patient, never the contact
     * details.
     *
     * @param row the row's position in the input, from 1
     * @param patientId the host's patient id as given, or null when missing
     * @param reason why it was not invited
     * @param detail for an invalid row, the first broken rule as {@code field:rule} (e.g.
     *     {@code patient.email:email.syntax}); for a skipped row, the reason's code
     */
    public record BulkRejection(long row, @Nullable String patientId, Reason reason, String detail) {

        /** Checks presence. */
        public BulkRejection {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }

        /** Why a row was not invited. */
        public enum Reason {
            /** The invitee already has a live invitation for this patient. */
            ALREADY_INVITED,
            /** The invitee already has access to this patient at this practice. */
            ALREADY_REGISTERED,
            /**
             * An earlier row of the same chunk was for the same patient and invitee. (A repeat whose first
             * row fell in an earlier chunk finds that row's invitation and counts as
             * {@link #ALREADY_INVITED}: the run remembers nothing across chunks, so memory stays bounded.)
             */
            REPEATED_IN_INPUT,
            /** The row broke a validation rule (see {@link BulkRejection#detail()}). */
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
