package io.portalinvite.examples.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Dates and times as the pages show them, in the practice's time zone; used in templates as {@code @fmt}. */
@Component("fmt")
public class Formats {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private final Practice practice;

    /**
     * Creates the formatter.
     *
     * @param practice for the time zone
     */
    public Formats(Practice practice) {
        this.practice = practice;
    }

    /**
     * Formats an instant in the practice's time zone.
     *
     * @param instant the instant
     * @return e.g. "26 Nov 2026, 11:42", or an empty string
     */
    public String dateTime(@Nullable Instant instant) {
        return instant == null ? "" : DATE_TIME.format(instant.atZone(practice.zone()));
    }

    /**
     * Formats a date.
     *
     * @param date the date
     * @return e.g. "17 May 1990", or an empty string
     */
    public String date(@Nullable LocalDate date) {
        return date == null ? "" : DATE.format(date);
    }
}
