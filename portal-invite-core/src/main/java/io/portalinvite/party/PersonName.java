package io.portalinvite.party;

import io.portalinvite.common.TextRules;
import io.portalinvite.common.ValidationException;
import io.portalinvite.common.Violations;
import java.text.Normalizer;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A person's given and family names as they appear in messages and previews.
 *
 * <p>Names may use letters of any script, combining marks, spaces, apostrophes, hyphens and full
 * stops ("Zoë O'Brien-Smith", "李 小龍"). Anything else — digits, angle brackets, quotes, semicolons,
 * control characters — is refused: names are placed in emails and staff screens, and no real name
 * needs them. Names are NFKC-normalised, and a word that mixes letters of different scripts is
 * refused as a likely look-alike spoof ("Jоhn" with a Cyrillic "о"); names of any single script
 * ("李 小龍", "Nguyễn") are welcome.
 *
 * @param given the given (first) name
 * @param family the family (last) name
 */
public record PersonName(String given, String family) {

    /** The longest name part we accept, in code points. */
    public static final int MAX_LENGTH = 100;

    /** Validates both parts, reporting against fields {@code givenName} and {@code familyName}. */
    public PersonName {
        given = namePart("givenName", given);
        family = namePart("familyName", family);
    }

    /**
     * Parses a name from raw input, reporting every problem against {@code prefix.givenName} and
     * {@code prefix.familyName}.
     *
     * @param prefix the field prefix, e.g. {@code patient}; empty for none
     * @param given the raw given name
     * @param family the raw family name
     * @return the name
     * @throws ValidationException with a violation per bad part
     */
    public static PersonName parse(String prefix, @Nullable String given, @Nullable String family) {
        String dot = prefix.isEmpty() ? "" : prefix + ".";
        Violations violations = new Violations();
        String g = violations.capture(() -> namePart(dot + "givenName", given));
        String f = violations.capture(() -> namePart(dot + "familyName", family));
        violations.throwIfAny();
        return new PersonName(Objects.requireNonNull(g), Objects.requireNonNull(f));
    }

    /**
     * Returns "given family".
     *
     * @return the full name for display
     */
    public String fullName() {
        return given + " " + family;
    }

    static String namePart(String field, @Nullable String raw) {
        // NFKC folds compatibility forms (full-width "Ａｄａ", ligatures) into the letters they look like
        String value = Normalizer.normalize(TextRules.requireText(field, raw), Normalizer.Form.NFKC);
        TextRules.refuseControlCharacters(field, value);
        TextRules.requireMaxLength(field, value, MAX_LENGTH);
        boolean anyLetter = false;
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == ' ' || cp == '-') {
                continue;
            }
            if (Character.isLetter(cp)) {
                anyLetter = true;
                continue;
            }
            int type = Character.getType(cp);
            boolean mark = type == Character.NON_SPACING_MARK
                    || type == Character.COMBINING_SPACING_MARK
                    || type == Character.ENCLOSING_MARK;
            if (!(mark || cp == '\'' || cp == '\u2019' || cp == '-' || cp == '.')) {
                throw new ValidationException(
                        field,
                        "name_characters",
                        "may contain only letters, spaces, apostrophes, hyphens and full stops");
            }
        }
        if (!anyLetter) {
            throw new ValidationException(field, "name_characters", "must contain at least one letter");
        }
        // the same look-alike rule as practice and sender names
        TextRules.refuseMixedScriptWords(field, value);
        return value;
    }
}
