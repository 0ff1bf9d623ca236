package io.portalinvite.party;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import io.portalinvite.common.FieldViolation;
import io.portalinvite.common.ValidationException;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {

    /** 64 + 1 + 189 = 254 characters, with every domain label within 63. */
    private static final String ADDRESS_254 =
            "l".repeat(64) + "@" + "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(57) + ".org";

    private Locale defaultLocale;

    @BeforeEach
    void turkishLocale() {
        // Surefire already runs under tr-TR; set it here too so the test means the same from an IDE
        defaultLocale = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag("tr-TR"));
    }

    @AfterEach
    void restoreLocale() {
        Locale.setDefault(defaultLocale);
    }

    @Test
    void parseWhenDomainUpperCaseThenDomainLowerCasedAndLocalPartKeptAsTyped() {
        EmailAddress email = EmailAddress.parse("patient.email", "Ada.Lovelace@EXAMPLE.ORG");

        assertThat(email.value()).isEqualTo("Ada.Lovelace@example.org");
        assertThat(email.localPart()).isEqualTo("Ada.Lovelace");
        assertThat(email.domain()).isEqualTo("example.org");
        assertThat(email).hasToString("Ada.Lovelace@example.org");
    }

    @Test
    void parseWhenDomainHasCapitalIUnderTurkishLocaleThenLowerCasedWithDottedI() {
        EmailAddress email = EmailAddress.parse("patient.email", "Mike@MAIL.INFO.EXAMPLE");

        assertThat(email.domain()).isEqualTo("mail.info.example").doesNotContain("\u0131");
    }

    @Test
    void lookupKeyWhenUpperCaseUnderTurkishLocaleThenRootLowerCaseWithoutDotlessI() {
        EmailAddress email = EmailAddress.parse("patient.email", "MIKE@EXAMPLE.ORG");

        assertThat(email.value()).isEqualTo("MIKE@example.org");
        assertThat(email.lookupKey()).isEqualTo("mike@example.org").doesNotContain("\u0131");
    }

    @Test
    void lookupKeyWhenAddressesDifferOnlyInCaseThenKeysEqualButValuesDiffer() {
        EmailAddress upper = EmailAddress.of("INFO@Example.org");
        EmailAddress lower = EmailAddress.of("info@example.org");

        assertThat(upper.lookupKey()).isEqualTo(lower.lookupKey());
        assertThat(upper).isNotEqualTo(lower);
    }

    @Test
    void ofWhenDomainCaseDiffersThenEqualAfterNormalisation() {
        assertThat(EmailAddress.of("ada@EXAMPLE.org"))
                .isEqualTo(EmailAddress.of("ada@example.org"))
                .isEqualTo(EmailAddress.parse("patient.email", "ada@Example.Org"));
    }

    @Test
    void parseWhenSurroundedBySpacesThenStripped() {
        assertThat(EmailAddress.parse("patient.email", "  ada@example.org ").value())
                .isEqualTo("ada@example.org");
    }

    @Test
    void maskedWhenLongLocalPartThenFirstCharacterAndDomainOnly() {
        EmailAddress email = EmailAddress.of("ada.lovelace@Example.org");

        assertThat(email.masked()).isEqualTo("a***@example.org").doesNotContain("lovelace");
    }

    @Test
    void maskedWhenOneCharacterLocalPartThenStillMasked() {
        assertThat(EmailAddress.of("z@example.org").masked()).isEqualTo("z***@example.org");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "first.last+tag@sub.example.co.uk",
                "x@xn--bcher-kva.example",
                "user@example.xn--p1ai",
                "o'brien@example.org",
                "a_b-c.d@example.org",
                "1234@example.org",
                "ada@1example.org",
                "ada@my-practice.example.com.au",
                "a!#$%&'*+/=?^_{|}~-@example.org"
            })
    void parseWhenValidAddressThenAcceptedUnchanged(String raw) {
        assertThat(EmailAddress.parse("patient.email", raw).value()).isEqualTo(raw);
    }

    @Test
    void parseWhen254CharactersThenAccepted() {
        assertThat(ADDRESS_254).hasSize(254);

        assertThat(EmailAddress.parse("patient.email", ADDRESS_254).value()).isEqualTo(ADDRESS_254);
    }

    @Test
    void parseWhen255CharactersThenRejectedAsTooLong() {
        String raw = "l" + ADDRESS_254;
        assertThat(raw).hasSize(255);

        assertRejected(raw, "email.too_long");
    }

    @Test
    void parseWhenLocalPartHas64CharactersThenAccepted() {
        String raw = "l".repeat(64) + "@example.org";

        assertThat(EmailAddress.parse("patient.email", raw).localPart()).hasSize(64);
    }

    @Test
    void parseWhenLocalPartHas65CharactersThenRejected() {
        assertRejected("l".repeat(65) + "@example.org", "email.local_part_too_long");
    }

    static Stream<Arguments> invalidAddresses() {
        return Stream.of(
                argumentSet("null", null, "required"),
                argumentSet("empty", "", "required"),
                argumentSet("blank", " \t ", "required"),
                argumentSet("CRLF Bcc header", "ada@example.org\r\nBcc: x@evil.test", "control_characters"),
                argumentSet("trailing CRLF", "ada@example.org\r\n", "control_characters"),
                argumentSet("NUL", "ada\u0000@example.org", "control_characters"),
                argumentSet("DEL", "ada\u007F@example.org", "control_characters"),
                argumentSet("C1 NEL", "ada\u0085@example.org", "control_characters"),
                argumentSet("RLO", "ada\u202E@example.org", "control_characters"),
                argumentSet("zero-width space", "ad\u200Ba@example.org", "control_characters"),
                argumentSet("U+2028", "ada@example.org\u2028", "control_characters"),
                argumentSet("Cyrillic a in local part", "\u0430da@example.org", "email.non_ascii"),
                argumentSet("Cyrillic o in domain", "ada@exampl\u043E.org", "email.non_ascii"),
                argumentSet("full-width a", "\uFF41da@example.org", "email.non_ascii"),
                argumentSet("full-width at-sign", "ada\uFF20example.org", "email.non_ascii"),
                argumentSet("dotless i", "m\u0131ke@example.org", "email.non_ascii"),
                argumentSet("Unicode domain", "ada@b\u00FCcher.example", "email.non_ascii"),
                argumentSet("no at-sign", "ada.example.org", "email.syntax"),
                argumentSet("two at-signs", "ada@@example.org", "email.syntax"),
                argumentSet("at-sign in local part", "ada@x@example.org", "email.syntax"),
                argumentSet("nothing before at-sign", "@example.org", "email.syntax"),
                argumentSet("nothing after at-sign", "ada@", "email.syntax"),
                argumentSet("leading dot", ".ada@example.org", "email.syntax"),
                argumentSet("trailing dot in local part", "ada.@example.org", "email.syntax"),
                argumentSet("double dot", "ada..lovelace@example.org", "email.syntax"),
                argumentSet("display name", "Bob <bob@x.org>", "email.syntax"),
                argumentSet("angle brackets", "<bob@x.org>", "email.syntax"),
                argumentSet("quoted local part", "\"bob\"@example.org", "email.syntax"),
                argumentSet("quoted local part with space", "\"bob smith\"@example.org", "email.syntax"),
                argumentSet("IP literal", "bob@[127.0.0.1]", "email.syntax"),
                argumentSet("space inside", "ada lovelace@example.org", "email.syntax"),
                argumentSet("comment", "ada@example.org (Ada)", "email.syntax"),
                argumentSet("list of two", "ada@example.org,eve@evil.test", "email.syntax"),
                argumentSet("SQL OR 1=1", "x' OR '1'='1@example.org", "email.syntax"),
                argumentSet("SQL DROP TABLE", "ada@example.org';DROP TABLE patients;--", "email.syntax"),
                argumentSet("bare IP", "bob@127.0.0.1", "email.domain"),
                argumentSet("no TLD", "ada@localhost", "email.domain"),
                argumentSet("one-letter TLD", "ada@example.c", "email.domain"),
                argumentSet("numeric TLD", "ada@example.123", "email.domain"),
                argumentSet("trailing dot in domain", "ada@example.org.", "email.domain"),
                argumentSet("double dot in domain", "ada@example..org", "email.domain"),
                argumentSet("leading hyphen in label", "ada@-example.org", "email.domain"),
                argumentSet("trailing hyphen in label", "ada@example-.org", "email.domain"),
                argumentSet("underscore in domain", "ada@exa_mple.org", "email.domain"),
                argumentSet("64-character label", "ada@" + "a".repeat(64) + ".org", "email.domain"),
                argumentSet("xn-- TLD alone", "ada@xn--p1ai", "email.domain"));
    }

    @ParameterizedTest
    @MethodSource("invalidAddresses")
    void parseWhenInvalidThenRejectedNamingFieldAndRule(String raw, String rule) {
        assertRejected(raw, rule);
    }

    @Test
    void parseWhenDisplayNameGivenThenRejected() {
        assertRejected("Ada Lovelace <ada@example.org>", "email.syntax");
    }

    @Test
    void constructorWhenInvalidThenReportsAgainstEmailField() {
        assertThatThrownBy(() -> EmailAddress.of("not an address"))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations())
                                .extracting(FieldViolation::field)
                                .containsExactly("email"));
    }

    @Test
    void rejectionMessageWhenHostileValueThenNotEchoed() {
        String raw = "ada@example.org\r\nBcc: x@evil.test";

        assertThatThrownBy(() -> EmailAddress.parse("patient.email", raw))
                .isInstanceOf(ValidationException.class)
                .message()
                .doesNotContain("evil.test")
                .doesNotContain("\r")
                .doesNotContain("\n");
    }

    private static void assertRejected(String raw, String rule) {
        assertThatThrownBy(() -> EmailAddress.parse("carer.email", raw))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations()).singleElement().satisfies(v -> {
                            assertThat(v.field()).isEqualTo("carer.email");
                            assertThat(v.rule()).isEqualTo(rule);
                        }));
    }
}
