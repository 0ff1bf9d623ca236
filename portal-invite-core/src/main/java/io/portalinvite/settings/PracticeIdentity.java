package io.portalinvite.settings;

import io.portalinvite.common.TextRules;
import io.portalinvite.common.Violations;
import io.portalinvite.internal.SmsText;
import io.portalinvite.party.EmailAddress;
import io.portalinvite.party.PhoneNumber;
import java.text.Normalizer;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Who a practice is to its patients: the name its messages carry, who they come from, and the
 * language, time zone and phone region they are written for. Part of {@link PortalSettings}.
 *
 * @param name the neutral display name used in messages and the link preview; it follows the SMS
 *     text rule ({@link SmsText}: nothing that reads as a link) and, like a patient's name, may not
 *     mix scripts within a word
 * @param senderAddress the From address, or null for the library-wide default
 * @param senderName the From display name, or null for the practice name; the same rules as the
 *     practice name
 * @param replyTo the Reply-To address, or null for none
 * @param locale language of messages
 * @param timeZone the practice's time zone, for expiry dates in messages and for birthdays
 * @param defaultPhoneRegion ISO 3166 region for mobile numbers typed in national form
 */
public record PracticeIdentity(
        String name,
        @Nullable EmailAddress senderAddress,
        @Nullable String senderName,
        @Nullable EmailAddress replyTo,
        Locale locale,
        ZoneId timeZone,
        String defaultPhoneRegion) {

    /**
     * Validates every field and reports all problems together, each under its setting's name
     * ({@code settings.practiceName}, {@code settings.senderName}, {@code settings.defaultPhoneRegion}).
     */
    public PracticeIdentity {
        Violations v = new Violations();
        String rawName = name;
        String checkedName = v.capture(() -> messageName("settings.practiceName", rawName));
        name = checkedName == null ? "" : checkedName;
        if (senderName != null) {
            String rawSender = senderName;
            senderName = v.capture(() -> messageName("settings.senderName", rawSender));
        }
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(timeZone, "timeZone");
        if (!PhoneNumber.isSupportedRegion(defaultPhoneRegion)) {
            v.add("settings.defaultPhoneRegion", "region", "must be a two-letter region code such as AU");
        } else {
            defaultPhoneRegion = defaultPhoneRegion.toUpperCase(Locale.ROOT);
        }
        v.throwIfAny();
    }

    /**
     * A name shown to patients in messages (the practice's, the sender's): at most 100 characters,
     * no look-alike words mixing scripts (as in patients' names), and nothing that may not appear in
     * an SMS ({@link SmsText}), since the practice name is merged into the SMS notice and a sender
     * name often stands in for it.
     */
    private static String messageName(String field, @Nullable String raw) {
        String value = TextRules.requireText(field, raw);
        TextRules.refuseControlCharacters(field, value);
        TextRules.requireMaxLength(field, value, 100);
        TextRules.refuseMixedScriptWords(field, Normalizer.normalize(value, Normalizer.Form.NFKC));
        SmsText.check(field, value);
        return value;
    }
}
