package io.portalinvite.invitation;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

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
