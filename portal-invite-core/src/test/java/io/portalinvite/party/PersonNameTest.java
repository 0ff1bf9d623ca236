package io.portalinvite.party;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import io.portalinvite.common.FieldViolation;
import io.portalinvite.common.ValidationException;
import java.text.Normalizer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PersonNameTest {

    static Stream<Arguments> realNames() {
        return Stream.of(
                argumentSet("diaeresis", "Zoë"),
                argumentSet("apostrophe and hyphen", "O'Brien-Smith"),
                argumentSet("typographic apostrophe", "O\u2019Neil"),
                argumentSet("full stop", "St. John"),
                argumentSet("Han with space", "李 小龍"),
                argumentSet("Vietnamese precomposed", "Nguyễn Văn An"),
                argumentSet(
                        "Vietnamese with combining marks", Normalizer.normalize("Nguyễn Văn An", Normalizer.Form.NFD)),
                argumentSet("José in NFD", "Jose\u0301"),
                argumentSet("Hawaiian okina", "\u02BBIolani"),
                argumentSet("Cyrillic word", "Іван"),
                argumentSet("Greek word", "Αλέξανδρος"),
                argumentSet("Cyrillic and Latin as separate words", "Иван Petrov"),
                argumentSet("Arabic", "محمد"),
                argumentSet("Devanagari with spacing marks", "प्रिया"),
                argumentSet("100 characters", "a".repeat(100)),
                argumentSet("100 supplementary code points", "\uD840\uDC00".repeat(100)));
    }

    @ParameterizedTest
    @MethodSource("realNames")
    void parseWhenRealNameThenAcceptedAsTypedUpToNfkc(String raw) {
        PersonName name = PersonName.parse("patient", raw, raw);

        assertThat(name.given()).isEqualTo(Normalizer.normalize(raw, Normalizer.Form.NFKC));
        assertThat(name.family()).isEqualTo(Normalizer.normalize(raw, Normalizer.Form.NFKC));
    }

    @Test
    void parseWhenJoseInNfdThenComposedByNfkc() {
        String nfd = "Jose\u0301";

        assertThat(PersonName.parse("patient", nfd, "Lovelace").given())
                .isEqualTo("Jos\u00E9")
                .hasSize(4);
    }

    @Test
    void parseWhenCompatibilityFormsThenFoldedToPlainLetters() {
        assertThat(PersonName.parse("patient", "\uFF21\uFF44\uFF41", "Ada\u00A0Lovelace")
                        .given())
                .isEqualTo("Ada");
        assertThat(PersonName.parse("patient", "Ada", "Ada\u00A0Lovelace").family())
                .isEqualTo("Ada Lovelace");
    }

    @Test
    void parseWhenSurroundedBySpacesThenStripped() {
        PersonName name = PersonName.parse("patient", "  Ada ", " Lovelace");

        assertThat(name.given()).isEqualTo("Ada");
        assertThat(name.family()).isEqualTo("Lovelace");
        assertThat(name.fullName()).isEqualTo("Ada Lovelace");
    }

    static Stream<Arguments> badNames() {
        return Stream.of(
                argumentSet("null", null, "required"),
                argumentSet("empty", "", "required"),
                argumentSet("spaces", "   ", "required"),
                argumentSet("tab", "\t", "required"),
                argumentSet("CRLF Bcc header", "Ada\r\nBcc: x@evil.test", "control_characters"),
                argumentSet("NUL", "Ada\u0000Lovelace", "control_characters"),
                argumentSet("DEL", "Ada\u007F", "control_characters"),
                argumentSet("C1 CSI", "Ada\u009B", "control_characters"),
                argumentSet("RLO", "Ada\u202Eecalevol", "control_characters"),
                argumentSet("zero-width joiner", "Ad\u200Da", "control_characters"),
                argumentSet("zero-width space", "Ad\u200Ba", "control_characters"),
                argumentSet("soft hyphen", "Ada\u00ADLovelace", "control_characters"),
                argumentSet("U+2028", "Ada\u2028Lovelace", "control_characters"),
                argumentSet("101 characters", "a".repeat(101), "too_long"),
                argumentSet("101 supplementary code points", "\uD840\uDC00".repeat(101), "too_long"),
                argumentSet("10 KB", "x".repeat(10 * 1024), "too_long"),
                argumentSet("digit", "Ada2", "name_characters"),
                argumentSet("full-width digit", "Ada\uFF12", "name_characters"),
                argumentSet("script tag", "<script>", "name_characters"),
                argumentSet("EL", "${7*7}", "name_characters"),
                argumentSet("mustache", "{{7*7}}", "name_characters"),
                argumentSet("SQL DROP TABLE", "Robert'); DROP TABLE patients;--", "name_characters"),
                argumentSet("SQL OR 1=1", "' OR '1'='1", "name_characters"),
                argumentSet("semicolon", "Ada;", "name_characters"),
                argumentSet("double quote", "\"Ada\"", "name_characters"),
                argumentSet("at-sign", "ada@example.org", "name_characters"),
                argumentSet("emoji", "Ada \uD83D\uDE00", "name_characters"),
                argumentSet("punctuation only", "-.-", "name_characters"),
                argumentSet("apostrophe only", "'", "name_characters"),
                argumentSet("Hangul filler", "\u3164", "control_characters"),
                argumentSet("combining grapheme joiner", "Ad\u034Fa", "control_characters"),
                argumentSet("trailing newline", "Ada\n", "control_characters"),
                argumentSet("Armenian o in Jօhn", "J\u0585hn", "mixed_script"),
                argumentSet("Cherokee A in Ꭺda", "\u13AAda", "mixed_script"),
                argumentSet("Greek omicron in Jοhn", "J\u03BFhn", "mixed_script"),
                argumentSet("Cyrillic o in Jоhn", "J\u043Ehn Smith", "mixed_script"),
                argumentSet("Cyrillic i in second word", "John Sm\u0456th", "mixed_script"),
                argumentSet("Cyrillic A leading", "\u0410da", "mixed_script"));
    }

    @ParameterizedTest
    @MethodSource("badNames")
    void parseWhenGivenNameBreaksRuleThenRejectedNamingFieldAndRule(String raw, String rule) {
        assertThatThrownBy(() -> PersonName.parse("carer", raw, "Lovelace"))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations()).singleElement().satisfies(v -> {
                            assertThat(v.field()).isEqualTo("carer.givenName");
                            assertThat(v.rule()).isEqualTo(rule);
                        }));
    }

    @ParameterizedTest
    @MethodSource("badNames")
    void parseWhenFamilyNameBreaksRuleThenRejectedNamingFieldAndRule(String raw, String rule) {
        assertThatThrownBy(() -> PersonName.parse("patient", "Ada", raw))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations()).singleElement().satisfies(v -> {
                            assertThat(v.field()).isEqualTo("patient.familyName");
                            assertThat(v.rule()).isEqualTo(rule);
                        }));
    }

    @Test
    void parseWhenBothPartsBadThenBothReportedTogether() {
        assertThatThrownBy(() -> PersonName.parse("carer", "", "J\u03BFhn"))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations())
                                .extracting(FieldViolation::field, FieldViolation::rule)
                                .containsExactly(
                                        tuple("carer.givenName", "required"),
                                        tuple("carer.familyName", "mixed_script")));
    }

    @Test
    void parseWhenNoPrefixThenFieldsUnprefixed() {
        assertThatThrownBy(() -> PersonName.parse("", "Ada2", null))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations())
                                .extracting(FieldViolation::field)
                                .containsExactly("givenName", "familyName"));
    }

    @Test
    void constructorWhenInvalidThenReportsAgainstUnprefixedField() {
        assertThatThrownBy(() -> new PersonName("Ada", "<b>"))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations())
                                .extracting(FieldViolation::field)
                                .containsExactly("familyName"));
    }

    @Test
    void rejectionMessageWhenHostileNameThenNotEchoed() {
        assertThatThrownBy(() -> PersonName.parse("patient", "<script>alert(1)</script>", "Lovelace"))
                .isInstanceOf(ValidationException.class)
                .message()
                .doesNotContain("<script>")
                .doesNotContain("alert");
    }
}
