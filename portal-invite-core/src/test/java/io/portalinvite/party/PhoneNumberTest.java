package io.portalinvite.party;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import io.portalinvite.common.FieldViolation;
import io.portalinvite.common.ValidationException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumberTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0412 345 678",
                "0412345678",
                "0412-345-678",
                "(04) 1234 5678",
                "04.12.34.56.78",
                "+61 412 345 678",
                "+61412345678",
                " 0412 345 678 "
            })
    void parseWhenAustralianMobileInAnyFormattingThenE164(String raw) {
        assertThat(PhoneNumber.parse("patient.mobile", raw, "AU").e164()).isEqualTo("+61412345678");
    }

    @Test
    void parseWhenRegionLowerCaseThenStillUsed() {
        assertThat(PhoneNumber.parse("patient.mobile", "0412 345 678", "au").e164())
                .isEqualTo("+61412345678");
    }

    @Test
    void parseWhenInternationalUkMobileWithRegionAuThenCountryCodeWins() {
        assertThat(PhoneNumber.parse("patient.mobile", "+44 7400 123456", "AU").e164())
                .isEqualTo("+447400123456");
    }

    @Test
    void parseWhenUsNumberWithRegionUsThenAcceptedAsFixedLineOrMobile() {
        assertThat(PhoneNumber.parse("patient.mobile", "(650) 253-0000", "US").e164())
                .isEqualTo("+16502530000");
    }

    @Test
    void parseWhenUsNationalNumberWithRegionAuThenRejected() {
        // the same digits mean nothing in Australia: the default region decides
        assertRejected("(650) 253-0000", "AU", "phone.invalid");
    }

    @Test
    void parseWhen32CharactersThenNotRejectedForLength() {
        String raw = "0   4   1   2   3  4  5  6  7  8";
        assertThat(raw).hasSize(32);

        assertThat(PhoneNumber.parse("patient.mobile", raw, "AU").e164()).isEqualTo("+61412345678");
    }

    @Test
    void parseWhen33CharactersThenRejectedAsTooLong() {
        String raw = "0    4   1   2   3  4  5  6  7  8";
        assertThat(raw).hasSize(33);

        assertRejected(raw, "AU", "too_long");
    }

    static Stream<Arguments> invalidNumbers() {
        return Stream.of(
                argumentSet("null", null, "required"),
                argumentSet("empty", "", "required"),
                argumentSet("blank", "   ", "required"),
                argumentSet("NUL", "0412\u0000345678", "control_characters"),
                argumentSet("CRLF", "0412345678\r\nBcc: x@evil.test", "control_characters"),
                argumentSet("RLO", "0412\u202E345678", "control_characters"),
                argumentSet("zero-width space", "0412\u200B345678", "control_characters"),
                argumentSet("letters 1-800-FLOWERS", "1-800-FLOWERS", "phone.syntax"),
                argumentSet(
                        "full-width digits",
                        "\uFF10\uFF14\uFF11\uFF12\uFF13\uFF14\uFF15\uFF16\uFF17\uFF18",
                        "phone.syntax"),
                argumentSet("extension", "0412 345 678 x5", "phone.syntax"),
                argumentSet("SQL", "1; SELECT pg_sleep(10)", "phone.syntax"),
                argumentSet("double plus", "++61412345678", "phone.syntax"),
                argumentSet("plus in the middle", "0412+345678", "phone.syntax"),
                argumentSet("plus at the end", "0412345678+", "phone.syntax"),
                argumentSet("too short", "0412 345", "phone.invalid"),
                argumentSet("too long", "0412 345 6789", "phone.invalid"),
                argumentSet("truncated +61 4", "+61 4", "phone.invalid"),
                argumentSet("plus before national number", "+0412345678", "phone.invalid"),
                argumentSet("only punctuation", "( ) - .", "phone.invalid"),
                argumentSet("premium rate +1 900", "+1 900 234 5678", "phone.not_mobile"),
                argumentSet("toll-free 1800", "1800 123 456", "phone.not_mobile"),
                argumentSet("local-rate 13", "13 00 00", "phone.not_mobile"),
                argumentSet("AU landline 02 9999 9999", "02 9999 9999", "phone.not_mobile"),
                argumentSet("AU landline in E.164", "+61 2 9999 9999", "phone.not_mobile"));
    }

    @ParameterizedTest
    @MethodSource("invalidNumbers")
    void parseWhenInvalidThenRejectedNamingFieldAndRule(String raw, String rule) {
        assertRejected(raw, "AU", rule);
    }

    @Test
    void maskedWhenAustralianMobileThenOnlyCountryPrefixAndLastThreeDigitsShown() {
        assertThat(PhoneNumber.parse("patient.mobile", "0412 345 678", "AU").masked())
                .isEqualTo("+614*****678");
    }

    @Test
    void maskedWhenUkMobileThenSameLengthWithMiddleHidden() {
        String masked = new PhoneNumber("+447400123456").masked();

        assertThat(masked).isEqualTo("+447******456").hasSize("+447400123456".length());
    }

    @Test
    void constructorWhenValidE164MobileThenKept() {
        PhoneNumber number = new PhoneNumber("+61412345678");

        assertThat(number.e164()).isEqualTo("+61412345678");
        assertThat(number).hasToString("+61412345678").isEqualTo(PhoneNumber.parse("m", "0412 345 678", "AU"));
    }

    static Stream<Arguments> notE164() {
        return Stream.of(
                argumentSet("null", null, "phone.e164"),
                argumentSet("national form", "0412345678", "phone.e164"),
                argumentSet("spaces", "+61 412 345 678", "phone.e164"),
                argumentSet("hyphens", "+61-412-345-678", "phone.e164"),
                argumentSet("national trunk zero kept", "+610412345678", "phone.e164"),
                argumentSet("landline", "+61299999999", "phone.not_mobile"),
                argumentSet("too short", "+6141234567", "phone.invalid"),
                argumentSet("letters", "+61412FLOWER", "phone.syntax"));
    }

    @ParameterizedTest
    @MethodSource("notE164")
    void constructorWhenNotE164MobileThenRejectedAgainstMobileField(String value, String rule) {
        assertThatThrownBy(() -> new PhoneNumber(value))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations()).singleElement().satisfies(v -> {
                            assertThat(v.field()).isEqualTo("mobile");
                            assertThat(v.rule()).isEqualTo(rule);
                        }));
    }

    @Test
    void isSupportedRegionWhenKnownRegionInAnyCaseThenTrue() {
        assertThat(PhoneNumber.isSupportedRegion("AU")).isTrue();
        assertThat(PhoneNumber.isSupportedRegion("au")).isTrue();
        assertThat(PhoneNumber.isSupportedRegion("gb")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "XX", "ZZ", "001", "Australia", "AUS"})
    void isSupportedRegionWhenUnknownThenFalse(String region) {
        assertThat(PhoneNumber.isSupportedRegion(region)).isFalse();
    }

    @Test
    void isSupportedRegionWhenNullThenFalse() {
        assertThat(PhoneNumber.isSupportedRegion(null)).isFalse();
    }

    @Test
    void parseWhenManyRandomNumbersThenSameVerdictAsIsValidNumberPlusNumberType() throws Exception {
        com.google.i18n.phonenumbers.PhoneNumberUtil util = com.google.i18n.phonenumbers.PhoneNumberUtil.getInstance();
        java.util.Random random = new java.util.Random(20261126);
        String[] regions = {"AU", "GB", "US", "DE", "IN", "BR", "NZ", "FR"};
        int mobiles = 0;
        for (int i = 0; i < 4000; i++) {
            String region = regions[i % regions.length];
            StringBuilder raw = new StringBuilder(i % 3 == 0 ? "+" : "0");
            int digits = 7 + random.nextInt(8);
            for (int d = 0; d < digits; d++) {
                raw.append(random.nextInt(10));
            }
            String expected;
            try {
                var number = util.parse(raw.toString(), region);
                var type = util.getNumberType(number);
                expected = !util.isValidNumber(number)
                        ? "phone.invalid"
                        : type == com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType.MOBILE
                                        || type
                                                == com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType
                                                        .FIXED_LINE_OR_MOBILE
                                ? util.format(
                                        number, com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat.E164)
                                : "phone.not_mobile";
            } catch (com.google.i18n.phonenumbers.NumberParseException e) {
                expected = "phone.invalid";
            }
            String actual;
            try {
                actual = PhoneNumber.parse("mobile", raw.toString(), region).e164();
                mobiles++;
            } catch (ValidationException e) {
                actual = e.violations().get(0).rule();
            }
            assertThat(actual).as("%s in %s", raw, region).isEqualTo(expected);
        }
        assertThat(mobiles).as("the sample contains accepted numbers too").isPositive();
    }

    @Test
    void constructorWhenFixedLineAfterParseOnSameThreadThenStillChecked() {
        PhoneNumber parsed = PhoneNumber.parse("mobile", "0412 345 678", "AU");
        assertThat(parsed.e164()).isEqualTo("+61412345678");
        assertThatThrownBy(() -> new PhoneNumber("+61212345678")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> new PhoneNumber(new String("+6141234567"))).isInstanceOf(ValidationException.class);
    }

    private static void assertRejected(String raw, String region, String rule) {
        assertThatThrownBy(() -> PhoneNumber.parse("carer.mobile", raw, region))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.violations()).singleElement().satisfies(v -> {
                        assertThat(v.field()).isEqualTo("carer.mobile");
                        assertThat(v.rule()).isEqualTo(rule);
                    });
                    assertThat(e.violations())
                            .extracting(FieldViolation::message)
                            .noneMatch(m -> raw != null && !raw.isBlank() && m.contains(raw));
                });
    }
}
