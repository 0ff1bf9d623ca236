package io.portalinvite.party;

import io.portalinvite.common.PatientId;
import io.portalinvite.common.ValidationException;
import java.time.LocalDate;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The snapshot of a host's patient record used for an invitation.
 *
 * <p>The host owns the patient; we keep its id and the contact details the invitation was sent
 * with, so that the link always goes to the address staff confirmed at the time (checklist B3).
 *
 * @param id the host's patient id
 * @param name the patient's name
 * @param dateOfBirth the date of birth, used for the optional identity check at registration
 * @param email the patient's email, when known
 * @param mobile the patient's mobile, when known
 */
public record Patient(
        PatientId id,
        PersonName name,
        LocalDate dateOfBirth,
        @Nullable EmailAddress email,
        @Nullable PhoneNumber mobile) {

    /** Earliest date of birth accepted; older ones are data-entry errors. */
    public static final LocalDate EARLIEST_DATE_OF_BIRTH = LocalDate.of(1880, 1, 1);

    /** Checks that the required parts are present. */
    public Patient {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dateOfBirth, "dateOfBirth");
    }

    /**
     * Checks a date of birth against today's date.
     *
     * @param field the field's dotted path
     * @param dateOfBirth the date, may be null
     * @param today today in the practice's time zone
     * @return the date
     * @throws ValidationException when missing, in the future or implausibly old
     */
    public static LocalDate checkDateOfBirth(String field, @Nullable LocalDate dateOfBirth, LocalDate today) {
        if (dateOfBirth == null) {
            throw new ValidationException(field, "required", "is required");
        }
        if (dateOfBirth.isAfter(today)) {
            throw new ValidationException(field, "date.future", "must not be in the future");
        }
        if (dateOfBirth.isBefore(EARLIEST_DATE_OF_BIRTH)) {
            throw new ValidationException(field, "date.too_early", "must be on or after " + EARLIEST_DATE_OF_BIRTH);
        }
        return dateOfBirth;
    }

    @Override
    public String toString() {
        // no contact details or date of birth in logs (OWASP logging: data to exclude)
        return "Patient[" + id + "]";
    }
}
