package io.portalinvite.party;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A person who acts for a patient (a parent, guardian or carer) and receives the invitation
 * instead of the patient. The carer gets their own account with PROXY access; credentials are
 * never shared with the patient (checklist G5).
 *
 * @param name the carer's name
 * @param email where the invitation goes
 * @param mobile where the SMS notice goes, when known
 * @param relationship how the carer is related to the patient
 */
public record Carer(
        PersonName name, EmailAddress email, @Nullable PhoneNumber mobile, Relationship relationship) {

    /** Checks that the required parts are present. */
    public Carer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(relationship, "relationship");
    }

    @Override
    public String toString() {
        return "Carer[" + relationship + "]";
    }
}
