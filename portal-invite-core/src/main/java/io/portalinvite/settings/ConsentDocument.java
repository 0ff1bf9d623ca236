package io.portalinvite.settings;

import io.portalinvite.common.TextRules;
import io.portalinvite.common.Violations;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The privacy notice and terms a practice asks invitees to accept before registering, as one
 * versioned document. Registration is refused unless the current version is accepted; the accepted
 * version and time are stored with the access grant and audited.
 *
 * @param version a short label such as {@code 2026-11} or {@code v3}; a new label is a new version
 * @param privacyNotice the privacy notice, plain text (line breaks kept)
 * @param terms the terms of use, plain text, or null when the practice has none
 * @param publishedAt when this version was published
 * @param reacceptanceRequired whether people who accepted an earlier version must accept this one
 *     at their next login before they see this practice's patients
 */
public record ConsentDocument(
        String version,
        String privacyNotice,
        @Nullable String terms,
        Instant publishedAt,
        boolean reacceptanceRequired) {

    /** Longest text accepted for each part. */
    public static final int MAX_TEXT = 100_000;

    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,39}");

    /** Validates every part and reports all problems together. */
    public ConsentDocument {
        Violations v = new Violations();
        if (version == null || !VERSION.matcher(version).matches()) {
            v.add("settings.consent.version", "format", "must be 1 to 40 letters, digits, dots, dashes or underscores");
        }
        String notice = privacyNotice;
        v.capture(() -> text("settings.consent.privacyNotice", notice));
        if (terms != null) {
            String t = terms;
            v.capture(() -> text("settings.consent.terms", t));
        }
        Objects.requireNonNull(publishedAt, "publishedAt");
        v.throwIfAny();
    }

    private static String text(String field, @Nullable String raw) {
        String value = TextRules.requireText(field, raw);
        // line breaks and tabs are part of a notice's layout; every other control character is refused
        TextRules.refuseControlCharacters(
                field, value.replace('\n', ' ').replace('\r', ' ').replace('\t', ' '));
        TextRules.requireMaxLength(field, value, MAX_TEXT);
        return value;
    }
}
