package io.portalinvite.common;

import java.lang.Character.UnicodeScript;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Shared checks on free text and identifiers taken from a host or a form.
 *
 * <p>Control characters are refused everywhere because they end up in email headers, logs and
 * SQL; bidirectional overrides are refused because they let a value display as something else.
 */
public final class TextRules {

    private TextRules() {}

    /**
     * Requires a non-blank value.
     *
     * @param field the field's dotted path
     * @param value the raw value
     * @return the value, stripped of surrounding white space
     * @throws ValidationException when missing or blank
     */
    public static String requireText(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            throw new ValidationException(field, "required", "is required");
        }
        // checked before stripping: strip() would silently drop a trailing CR, LF or U+2028
        refuseControlCharacters(field, value);
        return value.strip();
    }

    /**
     * Refuses control characters (C0, C1, DEL) and invisible bidirectional or zero-width formatting
     * characters.
     *
     * @param field the field's dotted path
     * @param value the value to check
     * @throws ValidationException when such a character is present
     */
    public static void refuseControlCharacters(String field, String value) {
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            if (isForbiddenControl(cp)) {
                throw new ValidationException(
                        field, "control_characters", "must not contain control or invisible formatting characters");
            }
            i += Character.charCount(cp);
        }
    }

    /**
     * Requires at most {@code max} Unicode code points.
     *
     * @param field the field's dotted path
     * @param value the value to check
     * @param max the largest allowed length
     * @throws ValidationException when longer
     */
    public static void requireMaxLength(String field, String value, int max) {
        if (value.length() > max && value.codePointCount(0, value.length()) > max) {
            throw new ValidationException(field, "too_long", "must be at most " + max + " characters");
        }
    }

    /**
     * Parses an identifier that the host owns (practice id, patient id, staff id): 1 to 128
     * characters from letters, digits and {@code . _ : @ -}.
     *
     * @param field the field's dotted path
     * @param raw the raw identifier
     * @return the identifier, stripped
     * @throws ValidationException when missing, too long or with other characters
     */
    public static String identifier(String field, @Nullable String raw) {
        String value = requireText(field, raw);
        refuseControlCharacters(field, value);
        requireMaxLength(field, value, 128);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '.'
                    || c == '_'
                    || c == ':'
                    || c == '@'
                    || c == '-';
            if (!ok) {
                throw new ValidationException(
                        field, "identifier_syntax", "may contain only letters, digits and . _ : @ -");
            }
        }
        return value;
    }

    /**
     * Refuses a word that mixes letters of different scripts, the usual look-alike spoof ("Jоhn" with
     * a Cyrillic "о", "Pаypal"). Words are separated by anything that is not a letter or a combining
     * mark. A word of one script is welcome ("李小龍", "Nguyễn"), and so are the combinations that
     * Unicode's "highly restrictive" profile (UTS #39 §5.2) allows because real writing uses them:
     * Han with Hiragana and Katakana (Japanese), Han with Bopomofo, Han with Hangul, each also with
     * Latin.
     *
     * @param field the field's dotted path
     * @param value the value to check, NFKC-normalised by the caller where that matters
     * @throws ValidationException with rule {@code mixed_script} when some word mixes scripts
     */
    public static void refuseMixedScriptWords(String field, String value) {
        Set<UnicodeScript> word = EnumSet.noneOf(UnicodeScript.class);
        for (int i = 0; i <= value.length(); ) {
            int cp = i < value.length() ? value.codePointAt(i) : ' ';
            i += i < value.length() ? Character.charCount(cp) : 1;
            int type = Character.getType(cp);
            boolean mark = type == Character.NON_SPACING_MARK
                    || type == Character.COMBINING_SPACING_MARK
                    || type == Character.ENCLOSING_MARK;
            if (Character.isLetter(cp) || mark) {
                UnicodeScript script = UnicodeScript.of(cp);
                if (script != UnicodeScript.COMMON && script != UnicodeScript.INHERITED) {
                    word.add(script);
                }
                continue;
            }
            if (!allowedMix(word)) {
                throw new ValidationException(
                        field, "mixed_script", "mixes letters of different scripts in one word (a look-alike spoof?)");
            }
            word.clear();
        }
    }

    private static final Set<Set<UnicodeScript>> ALLOWED_MIXES = Set.of(
            EnumSet.of(UnicodeScript.LATIN, UnicodeScript.HAN, UnicodeScript.HIRAGANA, UnicodeScript.KATAKANA),
            EnumSet.of(UnicodeScript.LATIN, UnicodeScript.HAN, UnicodeScript.BOPOMOFO),
            EnumSet.of(UnicodeScript.LATIN, UnicodeScript.HAN, UnicodeScript.HANGUL));

    private static boolean allowedMix(Set<UnicodeScript> scripts) {
        if (scripts.size() <= 1) {
            return true;
        }
        for (Set<UnicodeScript> allowed : ALLOWED_MIXES) {
            if (allowed.containsAll(scripts)) {
                return true;
            }
        }
        return false;
    }

    static boolean isForbiddenControl(int cp) {
        int type = Character.getType(cp);
        if (type == Character.CONTROL || type == Character.SURROGATE) {
            // an unpaired surrogate is not text: UTF-8 databases store it as "?" or refuse the row
            return true;
        }
        // bidi embeddings/overrides/isolates, zero-width and other invisible format characters, and
        // the default-ignorable fillers and variation selectors that render as nothing
        return type == Character.FORMAT || cp == 0x2028 || cp == 0x2029 || isInvisible(cp);
    }

    private static boolean isInvisible(int cp) {
        return cp == 0x034F
                || cp == 0x115F
                || cp == 0x1160
                || cp == 0x17B4
                || cp == 0x17B5
                || cp == 0x3164
                || cp == 0xFFA0
                || (cp >= 0x180B && cp <= 0x180F)
                || (cp >= 0xFE00 && cp <= 0xFE0F)
                || (cp >= 0xE0100 && cp <= 0xE01EF);
    }
}
