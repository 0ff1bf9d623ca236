package io.portalinvite.delivery;

import java.util.Objects;

/**
 * How many SMS segments a text costs, and in which encoding it travels.
 *
 * <p>Providers bill per segment, and a notice split over several segments can arrive out of order
 * on older handsets, so the library keeps its notice to one segment and this class is how that is
 * checked. A text goes in the GSM 03.38 default alphabet (3GPP TS 23.038, 7-bit) when every
 * character is in its basic table or its extension table; a single character outside both — an
 * {@code ë}, a curly apostrophe, an emoji — switches the whole text to UCS-2, which holds fewer than
 * half as many characters per segment.
 *
 * <p>Counting follows what concatenating senders do rather than plain division: an
 * extension-table character (an escape plus a septet) is never split across two segments, nor is a
 * UTF-16 surrogate pair, so such a character that would straddle a boundary starts the next
 * segment.
 *
 * @param encoding the encoding the text needs
 * @param units septets for {@link Encoding#GSM_7}, UTF-16 code units for {@link Encoding#UCS_2}
 * @param segments the segments needed; 0 for an empty text, which needs no message at all
 */
public record SmsSegments(Encoding encoding, int units, int segments) {

    /**
     * The GSM 03.38 basic table in code order (0x00 to 0x7F), without 0x1B: that position is the
     * escape to the extension table, not a character of its own. Greek capitals are written as
     * escapes because they look like Latin letters in most fonts.
     */
    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅå"
            + "\u0394_\u03A6\u0393\u039B\u03A9\u03A0\u03A8\u03A3\u0398\u039EÆæßÉ"
            + " !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§"
            + "¿abcdefghijklmnopqrstuvwxyzäöñüà";

    /**
     * The extension table's characters in the default (no national language) set: form feed,
     * {@code ^ { } \ [ ~ ] |} and the euro sign. Each costs two septets, escape included.
     */
    private static final String EXTENSION = "\f^{}\\[~]|€";

    /** Checks the parts. */
    public SmsSegments {
        Objects.requireNonNull(encoding, "encoding");
        if (units < 0 || segments < 0) {
            throw new IllegalArgumentException("units and segments must not be negative");
        }
    }

    /**
     * Counts the segments a text needs.
     *
     * @param text the message text as it will be handed to the provider
     * @return the encoding, units and segments
     */
    public static SmsSegments of(CharSequence text) {
        Objects.requireNonNull(text, "text");
        int septets = 0;
        for (int i = 0; i < text.length(); i++) {
            int cost = septets(text.charAt(i));
            if (cost == 0) {
                return ucs2(text);
            }
            septets += cost;
        }
        if (septets <= Encoding.GSM_7.singleLimit()) {
            return new SmsSegments(Encoding.GSM_7, septets, septets == 0 ? 0 : 1);
        }
        int segments = 1;
        int used = 0;
        for (int i = 0; i < text.length(); i++) {
            int cost = septets(text.charAt(i));
            if (used + cost > Encoding.GSM_7.concatenatedLimit()) {
                segments++;
                used = 0;
            }
            used += cost;
        }
        return new SmsSegments(Encoding.GSM_7, septets, segments);
    }

    /**
     * Tells whether a character can be sent in the GSM 7-bit default alphabet.
     *
     * @param c a UTF-16 code unit
     * @return true when it is in the basic or the extension table
     */
    public static boolean isGsm7(char c) {
        return septets(c) > 0;
    }

    /** Septets a character costs in GSM-7: 1 (basic), 2 (escape + extension) or 0 (not GSM-7). */
    private static int septets(char c) {
        if (BASIC.indexOf(c) >= 0) {
            return 1;
        }
        return EXTENSION.indexOf(c) >= 0 ? 2 : 0;
    }

    private static SmsSegments ucs2(CharSequence text) {
        int units = text.length();
        if (units <= Encoding.UCS_2.singleLimit()) {
            // never empty here: an empty text is GSM-7
            return new SmsSegments(Encoding.UCS_2, units, 1);
        }
        int segments = 1;
        int used = 0;
        int i = 0;
        while (i < units) {
            char c = text.charAt(i);
            // a well-formed pair travels together; a lone surrogate is one unit like any other
            int cost = Character.isHighSurrogate(c) && i + 1 < units && Character.isLowSurrogate(text.charAt(i + 1))
                    ? 2
                    : 1;
            if (used + cost > Encoding.UCS_2.concatenatedLimit()) {
                segments++;
                used = 0;
            }
            used += cost;
            i += cost;
        }
        return new SmsSegments(Encoding.UCS_2, units, segments);
    }

    /**
     * The two encodings an SMS text can travel in, with their segment sizes. A concatenated segment
     * holds less than a single one because its user-data header (6 octets) takes part of the 140.
     */
    public enum Encoding {
        /** The GSM 03.38 default alphabet, 7 bits per septet. */
        GSM_7(160, 153),
        /** UCS-2 (in practice UTF-16), 16 bits per code unit. */
        UCS_2(70, 67);

        private final int singleLimit;
        private final int concatenatedLimit;

        Encoding(int singleLimit, int concatenatedLimit) {
            this.singleLimit = singleLimit;
            this.concatenatedLimit = concatenatedLimit;
        }

        /**
         * Returns the most units a text may have and still go as one unconcatenated SMS.
         *
         * @return 160 septets or 70 code units
         */
        public int singleLimit() {
            return singleLimit;
        }

        /**
         * Returns the most units one part of a concatenated SMS holds.
         *
         * @return 153 septets or 67 code units
         */
        public int concatenatedLimit() {
            return concatenatedLimit;
        }
    }
}
