package io.portalinvite.invitation;

import io.portalinvite.common.PatientId;
import java.util.List;
import java.util.Objects;

/**
 * A contact detail of an invitation that other patients of the same practice already use: their
 * Patient Portal login (email) or an invitation's SMS number (mobile). Shown to staff so that a
 * family's shared address is a decision, not an accident. Patients of other practices are never
 * named.
 *
 * @param kind which detail is shared
 * @param field the request field it came from, e.g. {@code patient.email} or {@code carer.mobile}
 * @param otherPatients the other patients of this practice using it
 * @param message a sentence for staff
 */
public record ContactWarning(Kind kind, String field, List<PatientId> otherPatients, String message) {

    /** Copies the list. */
    public ContactWarning {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(field, "field");
        otherPatients = List.copyOf(otherPatients);
        Objects.requireNonNull(message, "message");
    }

    /** Which contact detail is shared. */
    public enum Kind {
        /** The email is the login of an account with SELF access to other patients. */
        SHARED_EMAIL,
        /** The mobile receives SMS notices for other patients' invitations. */
        SHARED_MOBILE
    }
}
