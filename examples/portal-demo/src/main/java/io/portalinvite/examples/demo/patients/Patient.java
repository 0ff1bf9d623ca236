package io.portalinvite.examples.demo.patients;

import io.portalinvite.common.PatientId;
import java.time.LocalDate;
import java.time.Period;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A patient as the practice records them, in the practice's own table: the library keeps
 * invitations and accounts, never the practice's patient records.
 *
 * @param id the practice's patient number
 * @param givenName given name
 * @param familyName family name
 * @param dateOfBirth date of birth
 * @param email email address, if known
 * @param mobile mobile number as entered, if known
 */
public record Patient(
        long id,
        String givenName,
        String familyName,
        LocalDate dateOfBirth,
        @Nullable String email,
        @Nullable String mobile) {

    private static final String PREFIX = "PT-";

    /**
     * Returns the id the portal knows this patient by.
     *
     * @return e.g. {@code PT-1001}
     */
    public PatientId portalId() {
        return PatientId.of(PREFIX + id);
    }

    /**
     * Reads the practice's patient number back from a portal patient id.
     *
     * @param portalId the portal's id
     * @return the number, or empty when the id is not one of this practice's
     */
    public static Optional<Long> idOf(PatientId portalId) {
        String value = portalId.value();
        if (!value.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(value.substring(PREFIX.length())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Returns "given family".
     *
     * @return the full name
     */
    public String fullName() {
        return givenName + " " + familyName;
    }

    /**
     * Returns the age in whole years on a day.
     *
     * @param today the day
     * @return the age
     */
    public int ageOn(LocalDate today) {
        return Period.between(dateOfBirth, today).getYears();
    }
}
