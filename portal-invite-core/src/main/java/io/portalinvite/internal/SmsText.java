package io.portalinvite.internal;

import io.portalinvite.common.FieldViolation;
import io.portalinvite.common.TextRules;
import io.portalinvite.common.ValidationException;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What may appear in an SMS notice (internal: used by the settings, the templates and the outbox):
 * checked against an allow-list, so that nothing a phone would
 * turn into a link can be sent (checklist B1: the SMS is a notice, never a link).
 *
 * <p>The rule, applied to the text after NFKC normalisation (which folds full-width and other
 * compatibility look-alikes such as {@code ：} or {@code ．} into the characters they imitate):
 *
 * <ul>
 *   <li>no control, bidirectional, zero-width or other invisible formatting character (checked
 *       before normalising, which keeps them);
 *   <li>only letters, combining marks, digits, spaces and the punctuation
 *       {@code . , ' ’ ‘ " “ ” - – — & ( ) ! ? : ; / + # %} — so no {@code @}, no {@code <}, no
 *       {@code ~}, no ideographic full stop;
 *   <li>no word followed by a colon and then anything but a space ({@code https:}, {@code sms:x});
 *   <li>no domain-like token ({@code evil.example}, {@code bit.ly/3abc}, {@code St.John}): two labels
 *       joined by a dot where the last has at least two characters and a letter, or a dotted
 *       number with four parts (an IP address);
 *   <li>no known link shortener, even with the dot spelt out or spaced ({@code bit ly}, {@code
 *       bit(.)ly}).
 * </ul>
 *
 * <p>Line breaks and tabs are allowed only where the caller says so (a template's lines).
 */
public final class SmsText {

    /** Punctuation an SMS notice may contain, besides letters, marks, digits and spaces. */
    static final String PUNCTUATION = ".,'\u2019\u2018\"\u201C\u201D-\u2013\u2014&()!?:;/+#%";

    private static final Pattern SCHEME = Pattern.compile("(?<![\\p{L}\\p{N}])\\p{L}[\\p{L}\\p{N}+.\\-]*:(?=\\S)");
    private static final String LABEL = "[\\p{L}\\p{N}](?:[\\p{L}\\p{N}\\-]*[\\p{L}\\p{N}])?";
    private static final Pattern DOTTED = Pattern.compile(LABEL + "(?:\\." + LABEL + ")+");
    private static final String DOT = "(?:\\s*\\.\\s*|\\s*[(\\[]\\s*(?:\\.|dot)\\s*[)\\]]\\s*|\\s+dot\\s+)";
    /** Also a bare space, for names whose first part is not a lone letter ("bit ly", but not "t co"). */
    private static final String SPACED_DOT = "(?:" + DOT + "|\\s+)";

    private static final List<String> SHORTENERS = List.of(
            "bit.ly",
            "bitly.com",
            "tinyurl.com",
            "t.co",
            "goo.gl",
            "ow.ly",
            "is.gd",
            "v.gd",
            "buff.ly",
            "rebrand.ly",
            "cutt.ly",
            "shorturl.at",
            "tiny.cc",
            "rb.gy",
            "t.ly",
            "s.id",
            "bl.ink",
            "lnkd.in",
            "shorte.st",
            "adf.ly",
            "qrco.de",
            "surl.li",
            "tr.im",
            "urlz.fr",
            "short.io",
            "snip.ly",
            "lnk.to");
    private static final Pattern SHORTENER = Pattern.compile("(?iu)(?<![\\p{L}\\p{N}])(?:"
            + String.join(
                    "|",
                    SHORTENERS.stream()
                            .map(s -> s.replace(".", s.indexOf('.') >= 2 ? SPACED_DOT : DOT))
                            .toList())
            + ")(?![\\p{L}\\p{N}])");

    private SmsText() {}

    /**
     * Checks a value that will be merged into an SMS notice (a practice name, a sender name).
     *
     * @param field the field's dotted path
     * @param value the value
     * @throws ValidationException naming the field and the rule ({@code sms_invisible},
     *     {@code sms_characters}, {@code sms_link} or {@code sms_shortener})
     */
    public static void check(String field, String value) {
        Optional<FieldViolation> problem = problem(field, value, false);
        if (problem.isPresent()) {
            throw new ValidationException(List.of(problem.get()));
        }
    }

    /**
     * Finds what breaks the rule in a text, if anything.
     *
     * @param field the field's dotted path, for the violation
     * @param value the text
     * @param lineBreaks true when the text may span lines (tabs, CR and LF allowed)
     * @return the first violation found, or empty when the text may be sent
     */
    public static Optional<FieldViolation> problem(String field, String value, boolean lineBreaks) {
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            i += Character.charCount(cp);
            if (lineBreaks && (cp == '\n' || cp == '\r' || cp == '\t')) {
                continue;
            }
            if (forbiddenControl(cp)) {
                return Optional.of(new FieldViolation(
                        field,
                        "sms_invisible",
                        "must not contain control, bidirectional or invisible characters (U+"
                                + Integer.toHexString(cp).toUpperCase(Locale.ROOT) + ")"));
            }
        }
        String text = Normalizer.normalize(value, Normalizer.Form.NFKC);
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (!allowed(cp, lineBreaks)) {
                return Optional.of(new FieldViolation(
                        field,
                        "sms_characters",
                        "may contain only letters, digits, spaces and "
                                + PUNCTUATION.replace("", " ").strip()
                                + " in an SMS (U+" + Integer.toHexString(cp).toUpperCase(Locale.ROOT)
                                + " is not one of them)"));
            }
        }
        if (SHORTENER.matcher(text).find()) {
            return Optional.of(new FieldViolation(
                    field, "sms_shortener", "must not name a link shortener: the SMS never carries a link"));
        }
        if (SCHEME.matcher(text).find() || domainLike(text)) {
            return Optional.of(new FieldViolation(
                    field,
                    "sms_link",
                    "must not contain anything a phone would show as a link (a web address, a domain such as "
                            + "name.example, or a word followed by a colon and no space)"));
        }
        return Optional.empty();
    }

    /** The characters {@link TextRules#refuseControlCharacters} refuses: controls, bidi and invisible ones. */
    private static boolean forbiddenControl(int cp) {
        try {
            TextRules.refuseControlCharacters("", new String(Character.toChars(cp)));
            return false;
        } catch (ValidationException e) {
            return true;
        }
    }

    private static boolean allowed(int cp, boolean lineBreaks) {
        if (Character.isLetterOrDigit(cp) || cp == ' ') {
            return true;
        }
        if (lineBreaks && (cp == '\n' || cp == '\r' || cp == '\t')) {
            return true;
        }
        int type = Character.getType(cp);
        if (type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK) {
            return true;
        }
        return cp < 0x10000 && PUNCTUATION.indexOf(cp) >= 0;
    }

    private static boolean domainLike(String text) {
        Matcher m = DOTTED.matcher(text);
        while (m.find()) {
            String[] labels = m.group().split("\\.");
            String last = labels[labels.length - 1];
            boolean letters = last.codePoints().anyMatch(Character::isLetter);
            if ((letters && last.codePointCount(0, last.length()) >= 2) || labels.length >= 4) {
                return true;
            }
        }
        return false;
    }
}
