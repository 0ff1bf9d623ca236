package io.portalinvite.password;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Derives the "skeleton" forms under which a password, or a context word, is compared.
 *
 * <p>Attackers' cracking rules take a dictionary or personal word and decorate it: capitalise it,
 * add punctuation, append a year or a run of digits. Comparing only the literal password would miss
 * {@code Password123456789!!}; comparing the skeletons catches such decorations while still being a
 * whole-string match (NIST asks for comparison with the entire password, not substrings). The same
 * derivation is applied to context words so that both sides of the comparison line up.
 */
final class PasswordSkeleton {

    /** Words and derived forms shorter than this carry too little to compare meaningfully. */
    static final int MIN_WORD_CODE_POINTS = 3;

    private PasswordSkeleton() {}

    /**
     * Returns the forms to compare, in order: the text itself, its letters and digits, that with
     * leading and trailing digit runs removed, and its letters alone. Derived forms shorter than
     * {@link #MIN_WORD_CODE_POINTS} are left out.
     *
     * @param lower NFKC-normalised, {@code Locale.ROOT} lower-cased text
     */
    static Set<String> variants(String lower) {
        Set<String> variants = new LinkedHashSet<>(4);
        variants.add(lower);
        String skeleton = lettersAndDigits(lower);
        addIfLongEnough(variants, skeleton);
        addIfLongEnough(variants, stripDigitAffixes(skeleton));
        addIfLongEnough(variants, withoutDigits(skeleton));
        return variants;
    }

    static boolean isLongEnough(String word) {
        return word.codePointCount(0, word.length()) >= MIN_WORD_CODE_POINTS;
    }

    private static void addIfLongEnough(Set<String> variants, String candidate) {
        if (isLongEnough(candidate)) {
            variants.add(candidate);
        }
    }

    static String lettersAndDigits(String text) {
        StringBuilder kept = new StringBuilder(text.length());
        text.codePoints().filter(Character::isLetterOrDigit).forEach(kept::appendCodePoint);
        return kept.toString();
    }

    static String stripDigitAffixes(String skeleton) {
        int start = 0;
        int end = skeleton.length();
        while (start < end && Character.isDigit(skeleton.codePointAt(start))) {
            start += Character.charCount(skeleton.codePointAt(start));
        }
        while (end > start && Character.isDigit(skeleton.codePointBefore(end))) {
            end -= Character.charCount(skeleton.codePointBefore(end));
        }
        return skeleton.substring(start, end);
    }

    static String digitsOnly(String text) {
        StringBuilder kept = new StringBuilder();
        text.codePoints().filter(Character::isDigit).forEach(kept::appendCodePoint);
        return kept.toString();
    }

    static String withoutDigits(String skeleton) {
        StringBuilder kept = new StringBuilder(skeleton.length());
        skeleton.codePoints().filter(cp -> !Character.isDigit(cp)).forEach(kept::appendCodePoint);
        return kept.toString();
    }
}
