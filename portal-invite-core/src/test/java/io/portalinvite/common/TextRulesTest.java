package io.portalinvite.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TextRulesTest {

    // ---- identifier ----------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"p-1", "12345", "A", "practice.main_site:7@cloud-1", "UPPER_lower.09"})
    void identifierWhenOnlyAllowedCharactersThenAccepted(String raw) {
        assertThat(TextRules.identifier("patient.id", raw)).isEqualTo(raw);
    }

    @Test
    void identifierWhen128CharactersThenAccepted() {
        String raw = "i".repeat(128);

        assertThat(TextRules.identifier("patient.id", raw)).isEqualTo(raw);
    }

    @Test
    void identifierWhenSurroundedBySpacesThenStripped() {
        assertThat(TextRules.identifier("patient.id", "  p-1 ")).isEqualTo("p-1");
    }

    static Stream<Arguments> badIdentifiers() {
        return Stream.of(
                argumentSet("null", null, "required"),
                argumentSet("empty", "", "required"),
                argumentSet("spaces", "   ", "required"),
                argumentSet("tab", "\t", "required"),
                argumentSet("129 characters", "i".repeat(129), "too_long"),
                argumentSet("CRLF", "p-1\r\nX-Injected: 1", "control_characters"),
                argumentSet("NUL", "p\u00001", "control_characters"),
                argumentSet("trailing NUL", "p-1\u0000", "control_characters"),
                argumentSet("DEL", "p\u007F1", "control_characters"),
                argumentSet("C1 NEL", "p\u00851", "control_characters"),
                argumentSet("RLO", "p\u202E1", "control_characters"),
                argumentSet("zero-width space", "p\u200B1", "control_characters"),
                argumentSet("U+2028", "p\u20281", "control_characters"),
                argumentSet("space", "p 1", "identifier_syntax"),
                argumentSet("slash", "p/1", "identifier_syntax"),
                argumentSet("path traversal", "../../etc/passwd", "identifier_syntax"),
                argumentSet("backslash", "p\\1", "identifier_syntax"),
                argumentSet("single quote", "p'1", "identifier_syntax"),
                argumentSet("double quote", "p\"1", "identifier_syntax"),
                argumentSet("semicolon", "p;1", "identifier_syntax"),
                argumentSet("SQL OR 1=1", "' OR '1'='1", "identifier_syntax"),
                argumentSet("SQL pg_sleep", "1; SELECT pg_sleep(10)", "identifier_syntax"),
                argumentSet("angle brackets", "<script>", "identifier_syntax"),
                argumentSet("percent", "p%201", "identifier_syntax"),
                argumentSet("hash", "p#1", "identifier_syntax"),
                argumentSet("plus", "p+1", "identifier_syntax"),
                argumentSet("accented letter", "p\u00E9", "identifier_syntax"),
                argumentSet("Cyrillic a", "p\u0430tient", "identifier_syntax"),
                argumentSet("dotless i", "pat\u0131ent", "identifier_syntax"),
                argumentSet("full-width digit", "p\uFF11", "identifier_syntax"),
                argumentSet("no-break space", "p\u00A01", "identifier_syntax"));
    }

    @ParameterizedTest
    @MethodSource("badIdentifiers")
    void identifierWhenBreaksRuleThenRejectedNamingFieldAndRule(String raw, String rule) {
        assertSingleViolation(() -> TextRules.identifier("patient.id", raw), "patient.id", rule);
    }

    static Stream<Arguments> idTypes() {
        return Stream.of(
                argumentSet("PracticeId", (Function<String, Object>) PracticeId::of, "practiceId"),
                argumentSet("PatientId", (Function<String, Object>) PatientId::of, "patientId"),
                argumentSet("StaffId", (Function<String, Object>) StaffId::of, "staffId"));
    }

    @ParameterizedTest
    @MethodSource("idTypes")
    void idConstructorWhenInvalidThenReportsAgainstItsOwnField(Function<String, Object> of, String field) {
        assertSingleViolation(() -> of.apply("a b"), field, "identifier_syntax");
        assertSingleViolation(() -> of.apply(null), field, "required");
    }

    @ParameterizedTest
    @MethodSource("idTypes")
    void idConstructorWhenValidThenValueStrippedAndShownByToString(Function<String, Object> of, String field) {
        assertThat(of.apply(" x-1 ")).hasToString("x-1").isEqualTo(of.apply("x-1"));
    }

    @Test
    void idParseWhenInvalidThenReportsAgainstGivenField() {
        assertSingleViolation(() -> PatientId.parse("patient.id", "p/1"), "patient.id", "identifier_syntax");
        assertSingleViolation(() -> PracticeId.parse("practiceId", ""), "practiceId", "required");
        assertSingleViolation(() -> StaffId.parse("actor", "s\u202E1"), "actor", "control_characters");
    }

    // ---- requireText, refuseControlCharacters, requireMaxLength ------------------------------------

    @Test
    void requireTextWhenSurroundedBySpacesThenStripped() {
        assertThat(TextRules.requireText("f", "  value  ")).isEqualTo("value");
    }

    @Test
    void requireTextWhenTrailingLineBreakThenRefusedNotSilentlyStripped() {
        assertSingleViolation(() -> TextRules.requireText("f", "value\n"), "f", "control_characters");
        assertSingleViolation(() -> TextRules.requireText("f", "\tvalue"), "f", "control_characters");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\u0000", "\u0009", "\n", "\r", "\u001B", "\u001F", "\u007F", "\u0080", "\u0085", "\u009F", "\u00AD",
                "\u061C", "\u200B", "\u200C", "\u200D", "\u200E", "\u200F", "\u202A", "\u202E", "\u2060", "\u2066",
                "\u2069", "\u2028", "\u2029", "\uFEFF"
            })
    void refuseControlCharactersWhenControlOrInvisibleFormatThenRejected(String ch) {
        assertSingleViolation(() -> TextRules.refuseControlCharacters("f", "a" + ch + "b"), "f", "control_characters");
    }

    @Test
    void refuseControlCharactersWhenTagCharacterOutsideBmpThenRejected() {
        // U+E0041 TAG LATIN CAPITAL LETTER A: invisible, used to smuggle text ("ASCII smuggling")
        assertSingleViolation(
                () -> TextRules.refuseControlCharacters("f", "a\uDB40\uDC41b"), "f", "control_characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain ascii", "Zoë", "李 小龍", "Ada\u00A0Lovelace", "\uD83D\uDC4D", "\uD840\uDC00"})
    void refuseControlCharactersWhenVisibleTextThenAccepted(String value) {
        assertThatCode(() -> TextRules.refuseControlCharacters("f", value)).doesNotThrowAnyException();
    }

    @Test
    void requireMaxLengthWhenSupplementaryCharactersThenCountsCodePoints() {
        String five = "\uD840\uDC00".repeat(5);

        assertThatCode(() -> TextRules.requireMaxLength("f", five, 5)).doesNotThrowAnyException();
        assertSingleViolation(() -> TextRules.requireMaxLength("f", five + "a", 5), "f", "too_long");
    }

    @Test
    void requireMaxLengthWhenAtLimitThenAcceptedAndOneMoreRejected() {
        assertThatCode(() -> TextRules.requireMaxLength("f", "abc", 3)).doesNotThrowAnyException();
        assertSingleViolation(() -> TextRules.requireMaxLength("f", "abcd", 3), "f", "too_long");
    }

    private static void assertSingleViolation(Runnable action, String field, String rule) {
        assertThatThrownBy(action::run)
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations())
                                .extracting(FieldViolation::field, FieldViolation::rule)
                                .containsExactly(tuple(field, rule)));
    }
}
