package io.portalinvite.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import io.portalinvite.common.FieldViolation;
import io.portalinvite.common.PracticeId;
import io.portalinvite.common.ValidationException;
import io.portalinvite.party.EmailAddress;
import io.portalinvite.password.PasswordPolicy;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PortalSettingsTest {

    private static final PracticeId PRACTICE = PracticeId.of("practice-1");

    // ---- names merged into messages: the SMS text rule and look-alike words -----------------------

    @ParameterizedTest
    @MethodSource("namesThatCouldCarryALinkOrSpoof")
    void practiceAndSenderNameWhenTheyCouldCarryALinkOrSpoofThenRefusedNamingFieldAndRule(String value, String rule) {
        for (String field : java.util.List.of("settings.practiceName", "settings.senderName")) {
            PortalSettings.Builder b = PortalSettings.builder(PRACTICE);
            if (field.equals("settings.practiceName")) {
                b.practiceName(value);
            } else {
                b.senderName(value);
            }
            assertThatThrownBy(b::build)
                    .isInstanceOfSatisfying(
                            ValidationException.class,
                            e -> assertThat(e.violations())
                                    .extracting(FieldViolation::field, FieldViolation::rule)
                                    .containsExactly(tuple(field, rule)));
        }
    }

    static Stream<Arguments> namesThatCouldCarryALinkOrSpoof() {
        return Stream.of(
                argumentSet("URL after the name", "Sunrise https://evil.example/login", "sms_link"),
                argumentSet("shortener", "bit.ly/3abcXYZ", "sms_shortener"),
                argumentSet("spaced shortener", "Sunrise bit ly 3abc", "sms_shortener"),
                argumentSet("bare domain with path", "evil.example/x", "sms_link"),
                argumentSet("bare domain", "Sunrise evil.example", "sms_link"),
                argumentSet("full-width colon scheme", "HTTPS\uFF1A//", "sms_link"),
                argumentSet("small colon scheme", "Sunrise https\uFE55evil", "sms_link"),
                argumentSet("full-width full stop", "Sunrise evil\uFF0Eexample", "sms_link"),
                argumentSet("RLO", "Sunrise \u202Eelpmaxe.live", "control_characters"),
                argumentSet("zero-width space", "Sun\u200Brise", "control_characters"),
                argumentSet("word joiner", "Sun\u2060rise", "control_characters"),
                argumentSet("e-mail address", "Sunrise x@evil.example", "sms_characters"),
                argumentSet("markup", "<b>Sunrise</b>", "sms_characters"),
                argumentSet("Cyrillic o in Jоhn", "J\u043Ehn Medical", "mixed_script"),
                argumentSet("Greek omicron in second word", "Sunrise Clinic J\u03BFhn", "mixed_script"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Sunrise Family Clinic",
                "St. John's Medical & Dental (Northside)",
                "Dr. O\u2019Brien \u2013 Family Practice #2",
                "Cl\u00EDnica S\u00E3o Jos\u00E9",
                "\u5C71\u7530\u30AF\u30EA\u30CB\u30C3\u30AF",
                "\u60C9\u5C3C\u5BB6\u5EAD\u8BCA\u6240",
                "Open 9:30 - 5:00, e.g. Mon/Tue"
            })
    void practiceNameWhenPlainWordingThenAccepted(String name) {
        assertThat(PortalSettings.builder(PRACTICE)
                        .practiceName(name)
                        .build()
                        .practice()
                        .name())
                .isEqualTo(name);
    }

    // ---- defaults and presets --------------------------------------------------------------------

    @Test
    void defaultsWhenNeverChangedThenDisabledWithSevenDayLinksAndDobCheckForSydney() {
        PortalSettings s = PortalSettings.defaults(PRACTICE);

        assertThat(s.practiceId()).isEqualTo(PRACTICE);
        assertThat(s.enabled()).isFalse();
        assertThat(s.links().invitationLifetime())
                .isEqualTo(Duration.ofDays(7))
                .isEqualTo(PortalSettings.DEFAULT_LIFETIME);
        assertThat(s.registration().dateOfBirthCheck()).isTrue();
        assertThat(s.delivery().smsNotice()).isTrue();
        assertThat(s.practice().locale()).isEqualTo(Locale.forLanguageTag("en-AU"));
        assertThat(s.practice().timeZone()).isEqualTo(ZoneId.of("Australia/Sydney"));
        assertThat(s.practice().defaultPhoneRegion()).isEqualTo("AU");
        assertThat(s.links().invitationLinkBase().getScheme()).isEqualTo("https");
        assertThat(s.practice().senderAddress()).isNull();
        assertThat(s.practice().senderName()).isNull();
        assertThat(s.practice().replyTo()).isNull();
        assertThat(s.registration().passwordPolicy()).isEqualTo(PasswordPolicy.DEFAULT);
    }

    @Test
    void defaultsWhenBuiltTwiceThenEqual() {
        assertThat(PortalSettings.defaults(PRACTICE))
                .isEqualTo(PortalSettings.builder(PRACTICE).build());
    }

    @Test
    void strictPresetWhenCreatedThenTwentyFourHourLinksAndOtherwiseDefaults() {
        PortalSettings strict = PortalSettings.strictPreset(PRACTICE);

        assertThat(strict.links().invitationLifetime())
                .isEqualTo(Duration.ofHours(24))
                .isEqualTo(PortalSettings.STRICT_LIFETIME);
        assertThat(strict.toBuilder()
                        .invitationLifetime(PortalSettings.DEFAULT_LIFETIME)
                        .build())
                .isEqualTo(PortalSettings.defaults(PRACTICE));
    }

    // ---- link lifetime -------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"PT15M", "PT1H", "PT24H", "P7D"})
    void buildWhenLifetimeWithinFifteenMinutesAndSevenDaysThenAccepted(String lifetime) {
        Duration d = Duration.parse(lifetime);

        assertThat(PortalSettings.builder(PRACTICE)
                        .invitationLifetime(d)
                        .build()
                        .links()
                        .invitationLifetime())
                .isEqualTo(d);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT14M", "PT14M59S", "P7DT1S", "P8D", "PT0S", "PT-1H", "P365D"})
    void buildWhenLifetimeOutsideRangeThenRejectedNamingLifetime(String lifetime) {
        assertOnlyViolation(
                PortalSettings.builder(PRACTICE).invitationLifetime(Duration.parse(lifetime)),
                "settings.invitationLifetime",
                "range");
    }

    @Test
    void buildWhenLifetimeNullThenRejectedNamingLifetime() {
        assertOnlyViolation(
                PortalSettings.builder(PRACTICE).invitationLifetime(null), "settings.invitationLifetime", "range");
    }

    // ---- link base ------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://portal.example/invitation",
                "https://portal.example:8443/a/b",
                "http://localhost/invitation",
                "http://localhost:8080/invitation",
                "http://127.0.0.1:8080/invitation",
                "http://[::1]:8080/invitation"
            })
    void buildWhenLinkBaseHttpsOrLoopbackHttpThenAccepted(String url) {
        assertThat(PortalSettings.builder(PRACTICE)
                        .invitationLinkBase(url)
                        .build()
                        .links()
                        .invitationLinkBase())
                .isEqualTo(URI.create(url));
    }

    static Stream<Arguments> badLinkBases() {
        return Stream.of(
                argumentSet("plain http", "http://portal.example/invitation", "url.https"),
                argumentSet("http to look-alike of localhost", "http://localhost.evil.test/invitation", "url.https"),
                argumentSet("http to 127.0.0.1 subdomain", "http://127.0.0.1.nip.io/invitation", "url.https"),
                argumentSet("ftp", "ftp://portal.example/invitation", "url.https"),
                argumentSet("query", "https://portal.example/invitation?x=1", "url.syntax"),
                argumentSet("empty query", "https://portal.example/invitation?", "url.syntax"),
                argumentSet("fragment", "https://portal.example/invitation#top", "url.syntax"),
                argumentSet("userinfo", "https://user:secret@portal.example/invitation", "url.syntax"),
                argumentSet("userinfo posing as localhost", "http://localhost@evil.test/invitation", "url.syntax"),
                argumentSet("relative", "/invitation", "url.syntax"),
                argumentSet("no host", "https:///invitation", "url.syntax"),
                argumentSet("javascript", "javascript:alert(1)", "url.syntax"),
                argumentSet("mailto", "mailto:ada@example.org", "url.syntax"));
    }

    @ParameterizedTest
    @MethodSource("badLinkBases")
    void buildWhenLinkBaseUnsafeThenRejectedNamingLinkBase(String url, String rule) {
        assertOnlyViolation(
                PortalSettings.builder(PRACTICE).invitationLinkBase(url), "settings.invitationLinkBase", rule);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://portal example/invitation", "https://portal.example/a b", "ht tp://x", ""})
    void invitationLinkBaseWhenNotAUriThenRejectedAtOnce(String url) {
        assertThatThrownBy(() ->
                        PortalSettings.builder(PRACTICE).invitationLinkBase(url).build())
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations())
                                .extracting(FieldViolation::field)
                                .containsOnly("settings.invitationLinkBase"));
    }

    @Test
    void invitationLinkBaseWhenNullThenRejected() {
        assertThatThrownBy(() -> PortalSettings.builder(PRACTICE).invitationLinkBase(null))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations())
                                .extracting(FieldViolation::field, FieldViolation::rule)
                                .containsExactly(tuple("settings.invitationLinkBase", "url.syntax")));
    }

    // ---- phone region, names, counters ------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"XX", "ZZ", "Australia", "AUS", "", "a\u0000"})
    void buildWhenPhoneRegionUnknownThenRejectedNamingRegion(String region) {
        assertOnlyViolation(
                PortalSettings.builder(PRACTICE).defaultPhoneRegion(region), "settings.defaultPhoneRegion", "region");
    }

    @Test
    void buildWhenPhoneRegionNullThenRejectedNamingRegion() {
        assertOnlyViolation(
                PortalSettings.builder(PRACTICE).defaultPhoneRegion(null), "settings.defaultPhoneRegion", "region");
    }

    @Test
    void buildWhenPhoneRegionLowerCaseThenUpperCased() {
        assertThat(PortalSettings.builder(PRACTICE)
                        .defaultPhoneRegion("gb")
                        .build()
                        .practice()
                        .defaultPhoneRegion())
                .isEqualTo("GB");
    }

    @Test
    void buildWhenPracticeNameHasHeaderInjectionThenRejected() {
        assertOnlyViolation(
                PortalSettings.builder(PRACTICE).practiceName("Clinic\r\nBcc: x@evil.test"),
                "settings.practiceName",
                "control_characters");
    }

    @Test
    void buildWhenPracticeNameBlankThenRequired() {
        assertOnlyViolation(PortalSettings.builder(PRACTICE).practiceName("  "), "settings.practiceName", "required");
    }

    @Test
    void buildWhenPracticeNameTooLongThenRejected() {
        assertOnlyViolation(
                PortalSettings.builder(PRACTICE).practiceName("p".repeat(101)), "settings.practiceName", "too_long");
    }

    @Test
    void buildWhenSenderNameHasRloThenRejected() {
        assertOnlyViolation(
                PortalSettings.builder(PRACTICE).senderName("Clinic\u202Enuf"),
                "settings.senderName",
                "control_characters");
    }

    @Test
    void buildWhenPracticeNameHasSurroundingSpacesThenStripped() {
        assertThat(PortalSettings.builder(PRACTICE)
                        .practiceName("  Sunrise Clinic ")
                        .senderName(" Front desk ")
                        .build())
                .satisfies(s -> {
                    assertThat(s.practice().name()).isEqualTo("Sunrise Clinic");
                    assertThat(s.practice().senderName()).isEqualTo("Front desk");
                });
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 11})
    void buildWhenDobAttemptsOutOfRangeThenRejected(int attempts) {
        assertOnlyViolation(
                PortalSettings.builder(PRACTICE).maxDateOfBirthAttempts(attempts),
                "settings.maxDateOfBirthAttempts",
                "range");
    }

    @Test
    void buildWhenDailyResendsBelowHourlyThenRejectedNamingDaily() {
        assertOnlyViolation(
                PortalSettings.builder(PRACTICE).maxResendsPerHour(5).maxResendsPerDay(4),
                "settings.maxResendsPerDay",
                "range");
    }

    // ---- several at once ------------------------------------------------------------------------

    @Test
    void buildWhenSeveralFieldsBadThenAllReportedTogether() {
        PortalSettings.Builder b = PortalSettings.builder(PRACTICE)
                .practiceName("")
                .invitationLinkBase("http://portal.example/invitation")
                .invitationLifetime(Duration.ofMinutes(14))
                .senderName("Front\u0000desk")
                .defaultPhoneRegion("XX")
                .maxDateOfBirthAttempts(0)
                .maxResendsPerHour(11)
                .maxResendsPerDay(51);

        assertThatThrownBy(b::build)
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations())
                                .extracting(FieldViolation::field)
                                .containsExactlyInAnyOrder(
                                        "settings.practiceName",
                                        "settings.invitationLinkBase",
                                        "settings.invitationLifetime",
                                        "settings.senderName",
                                        "settings.defaultPhoneRegion",
                                        "settings.maxDateOfBirthAttempts",
                                        "settings.maxResendsPerHour",
                                        "settings.maxResendsPerDay"));
    }

    // ---- toBuilder ------------------------------------------------------------------------------

    @Test
    void toBuilderWhenEveryFieldChangedThenRoundTripsEveryField() {
        PortalSettings defaults = PortalSettings.defaults(PRACTICE);
        PortalSettings custom = PortalSettings.builder(PRACTICE)
                .enabled(true)
                .practiceName("Sunrise Family Clinic")
                .invitationLinkBase("https://portal.sunrise.example/invitation")
                .invitationLifetime(Duration.ofHours(48))
                .smsNotice(false)
                .senderAddress(EmailAddress.of("no-reply@sunrise.example"))
                .senderName("Sunrise Front Desk")
                .replyTo(EmailAddress.of("desk@sunrise.example"))
                .locale(Locale.forLanguageTag("en-NZ"))
                .timeZone(ZoneId.of("Pacific/Auckland"))
                .defaultPhoneRegion("NZ")
                .passwordPolicy(PasswordPolicy.withMinLength(20))
                .dateOfBirthCheck(false)
                .maxDateOfBirthAttempts(3)
                .maxResendsPerHour(2)
                .maxResendsPerDay(6)
                .agePolicy(AgePolicy.AU_MY_HEALTH_RECORD)
                .sharedEmail(SharedEmailPolicy.SEPARATE_LOGIN_PER_PATIENT)
                .consent(new ConsentDocument(
                        "2026-11",
                        "We keep your details private.",
                        "Be kind.",
                        java.time.Instant.parse("2026-11-01T00:00:00Z"),
                        true))
                .messagesPerMinute(120)
                .reminderBefore(Duration.ofHours(12))
                .passwordResetLinkBase("https://portal.sunrise.example/forgot")
                .secondFactor(SecondFactorPolicy.REQUIRED)
                .build();

        // guard: every setting in every group differs from the default, so a field the builder forgets shows up
        Map<String, Object> customValues = settingValues(custom);
        Map<String, Object> defaultValues = settingValues(defaults);
        customValues.forEach((name, value) -> assertThat(value).as(name).isNotEqualTo(defaultValues.get(name)));

        PortalSettings copy = custom.toBuilder().build();

        assertThat(copy).isEqualTo(custom);
        assertThat(settingValues(copy)).isEqualTo(customValues);
        PortalSettings regrouped = PortalSettings.builder(PRACTICE)
                .enabled(true)
                .practice(custom.practice())
                .links(custom.links())
                .registration(custom.registration())
                .delivery(custom.delivery())
                .build();
        assertThat(regrouped).isEqualTo(custom);
    }

    @Test
    void settingKeysWhenListedThenOneForEverySettingInEveryGroup() {
        Map<String, Object> values = settingValues(PortalSettings.defaults(PRACTICE));

        assertThat(PortalSettings.Setting.values()).hasSize(values.size());
        PortalSettings custom = PortalSettings.builder(PRACTICE)
                .practiceName("Sunrise")
                .maxResendsPerHour(2)
                .reminderBefore(Duration.ofHours(1))
                .build();
        assertThat(PortalSettings.Setting.PRACTICE_NAME.valueIn(custom)).isEqualTo("Sunrise");
        assertThat(PortalSettings.Setting.MAX_RESENDS_PER_HOUR.valueIn(custom)).isEqualTo(2);
        assertThat(PortalSettings.Setting.REMINDER_BEFORE.valueIn(custom)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void passwordPolicyWhenMinimumBelowFifteenWithoutRequiredSecondFactorThenRefusedNamingFieldAndRule() {
        for (SecondFactorPolicy notRequired : List.of(SecondFactorPolicy.OFF, SecondFactorPolicy.OPTIONAL)) {
            assertThatThrownBy(() -> PortalSettings.builder(PRACTICE)
                            .passwordPolicy(PasswordPolicy.withMinLength(8))
                            .secondFactor(notRequired)
                            .build())
                    .as("%s", notRequired)
                    .isInstanceOfSatisfying(
                            ValidationException.class,
                            e -> assertThat(e.violations())
                                    .extracting(FieldViolation::field, FieldViolation::rule)
                                    .containsExactly(tuple(
                                            "settings.passwordPolicy.minLength",
                                            RegistrationRules.SINGLE_FACTOR_MIN_LENGTH_RULE)));
        }
        assertThatThrownBy(() -> PortalSettings.builder(PRACTICE)
                        .passwordPolicy(PasswordPolicy.withMinLength(14))
                        .build())
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void passwordPolicyWhenMinimumBelowFifteenAndSecondFactorRequiredThenAccepted() {
        PortalSettings settings = PortalSettings.builder(PRACTICE)
                .passwordPolicy(PasswordPolicy.withMinLength(8))
                .secondFactor(SecondFactorPolicy.REQUIRED)
                .build();
        assertThat(settings.registration().passwordPolicy().minLength()).isEqualTo(8);
        assertThat(PortalSettings.builder(PRACTICE)
                        .passwordPolicy(PasswordPolicy.withMinLength(15))
                        .secondFactor(SecondFactorPolicy.OFF)
                        .build()
                        .registration()
                        .secondFactor())
                .isEqualTo(SecondFactorPolicy.OFF);
    }

    @Test
    void groupWhenBuiltOnItsOwnThenValidatesItsFieldsUnderTheSettingName() {
        assertThatThrownBy(() -> new LinkRules(
                        URI.create("https://portal.example/invitation"), Duration.ofDays(8), null, Duration.ZERO))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations())
                                .extracting(FieldViolation::field, FieldViolation::rule)
                                .containsExactly(tuple("settings.invitationLifetime", "range")));
        assertThatThrownBy(() -> new DeliveryRules(true, -1, 3, 2))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations())
                                .extracting(FieldViolation::field)
                                .containsExactlyInAnyOrder("settings.messagesPerMinute", "settings.maxResendsPerDay"));
        assertThatThrownBy(() -> new PracticeIdentity(" ", null, null, null, Locale.ROOT, ZoneId.of("UTC"), "AU"))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations())
                                .extracting(FieldViolation::field)
                                .containsExactly("settings.practiceName"));
        assertThatThrownBy(() -> new RegistrationRules(
                        PasswordPolicy.DEFAULT,
                        true,
                        11,
                        AgePolicy.NONE,
                        SharedEmailPolicy.SHARED_LOGIN_ALLOWED,
                        null,
                        SecondFactorPolicy.OFF))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations())
                                .extracting(FieldViolation::field)
                                .containsExactly("settings.maxDateOfBirthAttempts"));
    }

    @Test
    void toBuilderWhenOneFieldChangedThenOthersKept() {
        PortalSettings custom = PortalSettings.strictPreset(PRACTICE).toBuilder()
                .enabled(true)
                .practiceName("Sunrise")
                .build();

        PortalSettings changed = custom.toBuilder().smsNotice(false).build();

        assertThat(changed.delivery().smsNotice()).isFalse();
        assertThat(changed.toBuilder().smsNotice(true).build()).isEqualTo(custom);
    }

    /** Every setting by group and name, read from the records, so a new group field is covered too. */
    private static Map<String, Object> settingValues(PortalSettings settings) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("enabled", settings.enabled());
        for (RecordComponent group : PortalSettings.class.getRecordComponents()) {
            Object groupValue = read(group, settings);
            if (groupValue instanceof Record && !group.getName().equals("practiceId")) {
                for (RecordComponent field : groupValue.getClass().getRecordComponents()) {
                    values.put(group.getName() + "." + field.getName(), read(field, groupValue));
                }
            }
        }
        return values;
    }

    private static Object read(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertOnlyViolation(PortalSettings.Builder builder, String field, String rule) {
        assertThatThrownBy(builder::build)
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations())
                                .extracting(FieldViolation::field, FieldViolation::rule)
                                .containsExactly(tuple(field, rule)));
    }
}
