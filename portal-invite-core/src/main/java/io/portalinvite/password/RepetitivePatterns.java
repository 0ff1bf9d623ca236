package io.portalinvite.password;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Recognises passwords made of repeated or sequential characters, which NIST SP 800-63B-4 lists
 * among the values a verifier must refuse ({@code aaaaaa}, {@code 1234abcd}). Such values are
 * enumerated early by every cracking tool, whatever their length.
 *
 * <p>A value is repetitive when it has fewer than {@value #MIN_DISTINCT_CODE_POINTS} distinct code
 * points, is a simple ascending or descending run of digits or Latin letters (wrapping from
 * {@code 9} to {@code 0} and from {@code z} to {@code a}, so {@code 123456789012345} counts), or is
 * one unit repeated at least {@value #MIN_REPETITIONS} times, the last repeat possibly cut short
 * ({@code abcdabcdabcd}, {@code xyz-xyz-xyz-xy}). The same tests
 * also apply to the value's alphanumeric core when its leading and trailing punctuation adds little
 * variety, because appending {@code !!!} is a standard cracking rule.
 */
final class RepetitivePatterns {

    static final int MIN_DISTINCT_CODE_POINTS = 4;
    static final int MIN_REPETITIONS = 3;
    private static final int MIN_SEQUENCE_LENGTH = 3;

    private static final String DIGITS = "0123456789";
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";

    private RepetitivePatterns() {}

    /**
     * Tells whether a password is repetitive or sequential.
     *
     * @param lower the NFKC-normalised, {@code Locale.ROOT} lower-cased password
     */
    static boolean isRepetitive(String lower) {
        int[] codePoints = lower.codePoints().toArray();
        if (isRepetitive(codePoints)) {
            return true;
        }
        int start = 0;
        int end = codePoints.length;
        while (start < end && !Character.isLetterOrDigit(codePoints[start])) {
            start++;
        }
        while (end > start && !Character.isLetterOrDigit(codePoints[end - 1])) {
            end--;
        }
        boolean hasAffixes = start > 0 || end < codePoints.length;
        if (!hasAffixes || end == start) {
            return false;
        }
        int[] affixes = new int[codePoints.length - (end - start)];
        System.arraycopy(codePoints, 0, affixes, 0, start);
        System.arraycopy(codePoints, end, affixes, start, codePoints.length - end);
        int[] core = Arrays.copyOfRange(codePoints, start, end);
        return distinctCount(affixes) < MIN_DISTINCT_CODE_POINTS && isRepetitive(core);
    }

    private static boolean isRepetitive(int[] codePoints) {
        return distinctCount(codePoints) < MIN_DISTINCT_CODE_POINTS
                || isSequential(codePoints)
                || isRepeatedUnit(codePoints);
    }

    private static int distinctCount(int[] codePoints) {
        return (int) Arrays.stream(codePoints).distinct().count();
    }

    private static boolean isSequential(int[] codePoints) {
        if (codePoints.length < MIN_SEQUENCE_LENGTH) {
            return false;
        }
        String alphabet = alphabetOf(codePoints[0]);
        if (alphabet == null) {
            return false;
        }
        int size = alphabet.length();
        int step = Math.floorMod(alphabet.indexOf(codePoints[1]) - alphabet.indexOf(codePoints[0]), size);
        if (step != 1 && step != size - 1) {
            return false;
        }
        for (int i = 1; i < codePoints.length; i++) {
            int previous = alphabet.indexOf(codePoints[i - 1]);
            int current = alphabet.indexOf(codePoints[i]);
            if (current < 0 || Math.floorMod(current - previous, size) != step) {
                return false;
            }
        }
        return true;
    }

    private static @Nullable String alphabetOf(int codePoint) {
        if (DIGITS.indexOf(codePoint) >= 0) {
            return DIGITS;
        }
        return LETTERS.indexOf(codePoint) >= 0 ? LETTERS : null;
    }

    /** Uses the KMP failure function: the shortest period is length minus the longest border. */
    private static boolean isRepeatedUnit(int[] codePoints) {
        int n = codePoints.length;
        if (n < MIN_REPETITIONS) {
            return false;
        }
        int[] border = new int[n];
        for (int i = 1, k = 0; i < n; i++) {
            while (k > 0 && codePoints[i] != codePoints[k]) {
                k = border[k - 1];
            }
            if (codePoints[i] == codePoints[k]) {
                k++;
            }
            border[i] = k;
        }
        int period = n - border[n - 1];
        return period * MIN_REPETITIONS <= n;
    }
}
