package io.portalinvite.settings;

import io.portalinvite.common.TextRules;
import io.portalinvite.common.Violations;
import io.portalinvite.party.EmailAddress;
import io.portalinvite.party.PhoneNumber;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Who a practice is to its patients: the name its messages carry, who they come from, and the
 * language, time zone and phone region they are written for. Part of {@link PortalSettings}.
 *
 * @param name the neutral display name used in messages and the link preview
 * @param senderAddress the From address, or null for the library-wide default
 * @param senderName the From display name, or null for the practice name
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
        String checkedName = v.capture(() -> displayText("settings.practiceName", rawName, 100));
        name = checkedName == null ? "" : checkedName;
        if (senderName != null) {
            String rawSender = senderName;
            senderName = v.capture(() -> displayText("settings.senderName", rawSender, 100));
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

    private static String displayText(String field, @Nullable String raw, int max) {
        String value = TextRules.requireText(field, raw);
        TextRules.refuseControlCharacters(field, value);
        TextRules.requireMaxLength(field, value, max);
        return value;
    }
}
