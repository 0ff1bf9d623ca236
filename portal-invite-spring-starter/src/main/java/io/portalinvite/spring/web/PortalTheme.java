package io.portalinvite.spring.web;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The look of the starter's pages that needs no template change: the name and logo in the header,
 * the main colour (served in the portal's style sheet, never inline, so the strict
 * Content-Security-Policy holds) and how to reach the practice.
 *
 * @param practiceName the name in the header; null for the practice's display name
 * @param logoUrl the logo's path or URL, or null for none
 * @param primaryColour the main colour, {@code #rgb} or {@code #rrggbb}
 * @param contactPhone the practice's phone number, or null
 * @param contactAddress the practice's postal address, or null
 */
public record PortalTheme(
        @Nullable String practiceName,
        @Nullable String logoUrl,
        String primaryColour,
        @Nullable String contactPhone,
        @Nullable String contactAddress) {

    /** The default main colour: a blue with white text at a contrast above 7:1. */
    public static final String DEFAULT_PRIMARY_COLOUR = "#1d5c96";

    private static final Pattern COLOUR = Pattern.compile("#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})");

    /**
     * Checks the colour: only a hex colour can reach the style sheet.
     *
     * @throws IllegalArgumentException naming the colour when it is not {@code #rgb} or {@code #rrggbb}
     */
    public PortalTheme {
        Objects.requireNonNull(primaryColour, "primaryColour");
        if (!COLOUR.matcher(primaryColour).matches()) {
            throw new IllegalArgumentException("primaryColour must be #rgb or #rrggbb, was " + primaryColour);
        }
        practiceName = blankToNull(practiceName);
        logoUrl = blankToNull(logoUrl);
        contactPhone = blankToNull(contactPhone);
        contactAddress = blankToNull(contactAddress);
    }

    /**
     * The default theme: the practice's own name, no logo, the default colour, no contact details.
     *
     * @return the theme
     */
    public static PortalTheme defaults() {
        return new PortalTheme(null, null, DEFAULT_PRIMARY_COLOUR, null, null);
    }

    /**
     * Returns the text colour that reads better on the main colour (WCAG relative luminance).
     *
     * @return {@code #ffffff} or {@code #000000}
     */
    public String textOnPrimary() {
        String hex = primaryColour.substring(1);
        if (hex.length() == 3) {
            hex = "" + hex.charAt(0) + hex.charAt(0) + hex.charAt(1) + hex.charAt(1) + hex.charAt(2) + hex.charAt(2);
        }
        double r = channel(Integer.parseInt(hex.substring(0, 2), 16));
        double g = channel(Integer.parseInt(hex.substring(2, 4), 16));
        double b = channel(Integer.parseInt(hex.substring(4, 6), 16));
        double luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        // contrast with white (1.05 / (L + 0.05)) against contrast with black ((L + 0.05) / 0.05)
        return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.05 ? "#ffffff" : "#000000";
    }

    /**
     * Returns the main colour in lower case, as the style sheet writes it.
     *
     * @return e.g. {@code #1d5c96}
     */
    public String primary() {
        return primaryColour.toLowerCase(Locale.ROOT);
    }

    private static double channel(int value) {
        double c = value / 255.0;
        return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
