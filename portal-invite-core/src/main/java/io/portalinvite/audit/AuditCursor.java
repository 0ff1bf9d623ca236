package io.portalinvite.audit;

import io.portalinvite.common.ValidationException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a page of the audit trail ended: the last entry's time and its store sequence number.
 * Paging by position rather than by offset keeps pages stable while new entries are appended.
 *
 * @param occurredAt the last entry's time
 * @param sequence the last entry's sequence number in the store (ties on time are ordered by it)
 */
public record AuditCursor(Instant occurredAt, long sequence) {

    private static final Pattern FORM = Pattern.compile("(-?\\d{1,19})\\.(\\d{1,19})");

    /** Checks presence. */
    public AuditCursor {
        Objects.requireNonNull(occurredAt, "occurredAt");
    }

    /**
     * Reads a cursor from its text form.
     *
     * @param text the cursor as {@link #toString()} gave it
     * @return the cursor
     * @throws ValidationException when it is not a cursor
     */
    public static AuditCursor parse(String text) {
        Matcher m = text == null ? null : FORM.matcher(text);
        if (m == null || !m.matches()) {
            throw new ValidationException("cursor", "format", "is not a cursor returned by an earlier page");
        }
        try {
            long micros = Long.parseLong(m.group(1));
            return new AuditCursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), Long.parseLong(m.group(2)));
        } catch (NumberFormatException | ArithmeticException | java.time.DateTimeException e) {
            throw new ValidationException("cursor", "format", "is not a cursor returned by an earlier page");
        }
    }

    /** @return the text form, {@code <epoch micros>.<sequence>} */
    @Override
    public String toString() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, occurredAt) + "." + sequence;
    }
}
