package io.portalinvite.invitation;

import io.portalinvite.common.InviteeKind;
import io.portalinvite.party.Carer;
import io.portalinvite.party.EmailAddress;
import io.portalinvite.party.Patient;
import io.portalinvite.party.PersonName;
import io.portalinvite.party.PhoneNumber;
import io.portalinvite.party.Relationship;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The person an invitation is addressed to: the patient, or a carer acting for them.
 *
 * @param kind patient or carer
 * @param name the invitee's name
 * @param email where the link goes; fixed at invitation time (checklist B3)
 * @param mobile where the SMS notice goes, when known
 * @param relationship the carer's relationship to the patient; null for the patient
 */
public record Invitee(
        InviteeKind kind,
        PersonName name,
        EmailAddress email,
        @Nullable PhoneNumber mobile,
        @Nullable Relationship relationship) {

    /** Checks consistency of kind and relationship. */
    public Invitee {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        if ((kind == InviteeKind.CARER) != (relationship != null)) {
            throw new IllegalArgumentException("a carer invitee has a relationship, a patient invitee has none");
        }
    }

    /**
     * The patient as invitee.
     *
     * @param patient the patient, who must have an email
     * @return the invitee
     */
    public static Invitee patient(Patient patient) {
        return new Invitee(
                InviteeKind.PATIENT,
                patient.name(),
                Objects.requireNonNull(patient.email(), "email"),
                patient.mobile(),
                null);
    }

    /**
     * A carer as invitee.
     *
     * @param carer the carer
     * @return the invitee
     */
    public static Invitee carer(Carer carer) {
        return new Invitee(InviteeKind.CARER, carer.name(), carer.email(), carer.mobile(), carer.relationship());
    }

    @Override
    public String toString() {
        return "Invitee[" + kind + "]";
    }
}
