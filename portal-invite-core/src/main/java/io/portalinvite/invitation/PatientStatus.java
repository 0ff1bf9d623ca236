package io.portalinvite.invitation;

import io.portalinvite.account.PatientAccess;
import io.portalinvite.common.PatientId;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where one patient of a practice stands with the Patient Portal, for staff lists: one {@link State}
 * worked out from the patient's invitations, their delivery and the access grants, with the
 * invitation and grants it was read from (a revoked grant carries who revoked it and when).
 *
 * @param patientId the host's patient id
 * @param state where the patient stands
 * @param invitation the invitation the state is about: the newest one still usable, else the
 *     newest; null when the patient was never invited (or holds access from an account import)
 * @param grants every access grant to this patient at the practice, active or not, oldest first
 */
public record PatientStatus(
        PatientId patientId, State state, @Nullable Invitation invitation, List<PatientAccess> grants) {

    /** Checks presence and copies the grants. */
    public PatientStatus {
        Objects.requireNonNull(patientId, "patientId");
        Objects.requireNonNull(state, "state");
        grants = List.copyOf(grants);
    }

    /**
     * Where a patient stands, in the order a patient moves through them. Worked out in this order: an
     * active grant makes the patient {@link #REGISTERED}; otherwise the invitation decides, and a
     * patient whose every grant was revoked with no usable invitation is {@link #REVOKED}.
     */
    public enum State {
        /** No invitation and no grant: staff have not sent Patient Portal access. */
        NOT_INVITED,
        /** An invitation is waiting to be sent (queued in the outbox). */
        INVITED,
        /** The invitation email was handed to the mail server; the link has not been opened. */
        DELIVERED,
        /** The invitation email could not be sent after every retry; staff can resend. */
        DELIVERY_FAILED,
        /** The invitee opened the current link but has not finished registering. */
        OPENED,
        /** The patient, or a carer for them, holds active access. */
        REGISTERED,
        /** The link expired before it was used. */
        EXPIRED,
        /** The invitation or every access grant was revoked. */
        REVOKED
    }

    /**
     * One page of patients' statuses.
     *
     * @param items the patients on this page, in patient-id order
     * @param next the cursor for the next page, or null when this is the last one
     */
    public record Page(List<PatientStatus> items, @Nullable String next) {

        /** Copies the items. */
        public Page {
            items = List.copyOf(items);
        }
    }
}
