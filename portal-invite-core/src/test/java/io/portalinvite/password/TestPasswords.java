package io.portalinvite.password;

import java.util.Random;

/** Deterministic password material for tests, free of accidental patterns. */
final class TestPasswords {

    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789-_.:;~#%&*+=?@";

    private TestPasswords() {}

    /** Returns seeded random ASCII text of exactly {@code length} code points. */
    static String random(int length, long seed) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }

    /** Returns seeded random emoji (4 UTF-8 bytes and 2 UTF-16 units each). */
    static String randomEmoji(int count, long seed) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder(count * 2);
        for (int i = 0; i < count; i++) {
            text.appendCodePoint(0x1F600 + random.nextInt(0x50));
        }
        return text.toString();
    }
}
