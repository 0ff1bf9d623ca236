package io.portalinvite.spring.web;

import io.portalinvite.common.ValidationException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/** Reads the values the pages' forms and the JSON endpoints send. */
final class FormValues {

    private FormValues() {}

    /**
     * Reads the date of birth a form or JSON body sent, in ISO form.
     *
     * @param value the raw value, may be blank
     * @return the date, or null when none was sent
     * @throws ValidationException naming {@code dateOfBirth} when it is not a date
     */
    static @Nullable LocalDate dateOfBirth(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new ValidationException("dateOfBirth", "date.syntax", "Enter a date such as 1990-05-17.");
        }
    }
}
