package io.portalinvite.party;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber;
import io.portalinvite.common.TextRules;
import io.portalinvite.common.ValidationException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A mobile number in E.164 form ({@code +61412345678}), able to receive an SMS.
 *
 * <p>Numbers are parsed with libphonenumber using the practice's default region, so staff can type
 * national forms ("0412 345 678" in Australia). Only numbers libphonenumber knows as mobile (or
 * "fixed line or mobile" where a country cannot tell) are accepted: SMS to premium-rate, toll-free
 * or fixed lines costs money or silently fails (checklist B7).
 *
 * @param e164 the number in E.164 form
 */
public record PhoneNumber(String e164) {

    /** Longest raw input considered; real numbers with formatting fit well within it. */
    public static final int MAX_RAW_LENGTH = 32;

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    /**
     * The E.164 string {@link #parse} has just produced and checked on this thread, so the canonical
     * constructor need not run libphonenumber a second time on its own output (parsing is most of
     * an invite's CPU time). Compared by identity: no other string can pass for it.
     */
    private static final ThreadLocal<@Nullable String> JUST_PARSED = new ThreadLocal<>();

    /** Checks that the value already is a valid E.164 mobile number. */
    public PhoneNumber {
        if (e164 == null || e164 != JUST_PARSED.get()) {
            if (e164 == null || !e164.startsWith("+")) {
                throw new ValidationException("mobile", "phone.e164", "must be in E.164 form, e.g. +61412345678");
            }
            String again = toE164("mobile", e164, "ZZ");
            if (!again.equals(e164)) {
                throw new ValidationException("mobile", "phone.e164", "must be in E.164 form, e.g. +61412345678");
            }
        }
    }

    /**
     * Parses a mobile number as staff typed it.
     *
     * @param field the field's dotted path
     * @param raw the raw number, national or international
     * @param defaultRegion ISO 3166 two-letter region for national numbers, e.g. {@code AU}
     * @return the number
     * @throws ValidationException naming the field and the broken rule
     */
    public static PhoneNumber parse(String field, @Nullable String raw, String defaultRegion) {
        String e164 = toE164(field, raw, defaultRegion);
        JUST_PARSED.set(e164);
        try {
            return new PhoneNumber(e164);
        } finally {
            JUST_PARSED.remove();
        }
    }

    /**
     * Tells whether libphonenumber knows the region code.
     *
     * @param region an ISO 3166 two-letter region
     * @return true when numbers can be parsed for it
     */
    public static boolean isSupportedRegion(@Nullable String region) {
        return region != null && UTIL.getSupportedRegions().contains(region.toUpperCase(Locale.ROOT));
    }

    /**
     * Masks all but the last three digits, for staff screens and audit.
     *
     * @return e.g. {@code +614*****678}
     */
    public String masked() {
        int keep = 3;
        int prefix = Math.min(4, e164.length() - keep);
        return e164.substring(0, prefix)
                + "*".repeat(e164.length() - prefix - keep)
                + e164.substring(e164.length() - keep);
    }

    @Override
    public String toString() {
        return e164;
    }

    private static String toE164(String field, @Nullable String raw, String defaultRegion) {
        String value = TextRules.requireText(field, raw);
        TextRules.refuseControlCharacters(field, value);
        if (value.length() > MAX_RAW_LENGTH) {
            throw new ValidationException(field, "too_long", "must be at most " + MAX_RAW_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || c == '+' || c == ' ' || c == '-' || c == '(' || c == ')' || c == '.';
            if (!ok) {
                throw new ValidationException(field, "phone.syntax", "may contain only digits, spaces, + - . ( and )");
            }
        }
        if (value.indexOf('+') > 0 || value.indexOf('+') != value.lastIndexOf('+')) {
            throw new ValidationException(field, "phone.syntax", "may have a + only at the start");
        }
        Phonenumber.PhoneNumber number;
        try {
            number = UTIL.parse(value, defaultRegion.toUpperCase(Locale.ROOT));
        } catch (NumberParseException e) {
            throw new ValidationException(field, "phone.invalid", "is not a valid phone number");
        }
        // getNumberType is UNKNOWN exactly when isValidNumber is false (both match the number against
        // its region's descriptions); asking once halves libphonenumber's work
        PhoneNumberType type = UTIL.getNumberType(number);
        if (type == PhoneNumberType.UNKNOWN) {
            throw new ValidationException(field, "phone.invalid", "is not a valid phone number");
        }
        if (type != PhoneNumberType.MOBILE && type != PhoneNumberType.FIXED_LINE_OR_MOBILE) {
            throw new ValidationException(field, "phone.not_mobile", "must be a mobile number that can receive SMS");
        }
        return UTIL.format(number, PhoneNumberFormat.E164);
    }
}
