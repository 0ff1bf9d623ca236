package io.portalinvite.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalinvite.delivery.SmsSegments.Encoding;
import io.portalinvite.storage.InMemoryPortalStorage;
import io.portalinvite.testing.PortalFixture;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SmsSegmentsTest {

    /**
     * The GSM 03.38 basic table typed row by row from 3GPP TS 23.038 table 6.2.1 (escape left out),
     * kept apart from the production table so a slip in one shows up against the other.
     */
    private static final String GSM_BASIC_TABLE = "@£$¥èéùìòÇ\nØø\rÅå"
            + "Δ_ΦΓΛΩΠΨΣΘΞÆæßÉ"
            + " !\"#¤%&'()*+,-./"
            + "0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNO"
            + "PQRSTUVWXYZÄÖÑÜ§"
            + "¿abcdefghijklmno"
            + "pqrstuvwxyzäöñüà";

    private static final String EMOJI = "\uD83D\uDE00"; // 😀, outside the BMP: a surrogate pair

    @ParameterizedTest
    @CsvSource({"1, 1", "160, 1", "161, 2", "306, 2", "307, 3", "459, 3", "460, 4"})
    void gsmTextFitsOneSegmentUpTo160AndThen153PerSegment(int length, int segments) {
        assertThat(SmsSegments.of("a".repeat(length))).isEqualTo(new SmsSegments(Encoding.GSM_7, length, segments));
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "70, 1", "71, 2", "134, 2", "135, 3"})
    void ucs2TextFitsOneSegmentUpTo70AndThen67PerSegment(int length, int segments) {
        assertThat(SmsSegments.of("ë".repeat(length))).isEqualTo(new SmsSegments(Encoding.UCS_2, length, segments));
    }

    @Test
    void emptyTextNeedsNoSegment() {
        assertThat(SmsSegments.of("")).isEqualTo(new SmsSegments(Encoding.GSM_7, 0, 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"^", "{", "}", "\\", "[", "~", "]", "|", "€", "\f"})
    void extensionCharacterCostsTwoSeptetsAtTheSingleSegmentBoundary(String extension) {
        assertThat(SmsSegments.of("a".repeat(158) + extension)).isEqualTo(new SmsSegments(Encoding.GSM_7, 160, 1));
        assertThat(SmsSegments.of("a".repeat(159) + extension)).isEqualTo(new SmsSegments(Encoding.GSM_7, 161, 2));
    }

    @Test
    void euroSignIsGsmAtTwoSeptets() {
        assertThat(SmsSegments.of("€")).isEqualTo(new SmsSegments(Encoding.GSM_7, 2, 1));
    }

    @Test
    void extensionCharacterIsNotSplitAcrossSegments() {
        // 306 septets fit two concatenated segments only if the euro sign may straddle them
        assertThat(SmsSegments.of("a".repeat(152) + "€" + "a".repeat(152)))
                .isEqualTo(new SmsSegments(Encoding.GSM_7, 306, 3));
        assertThat(SmsSegments.of("a".repeat(153) + "€" + "a".repeat(151)))
                .isEqualTo(new SmsSegments(Encoding.GSM_7, 306, 2));
    }

    @Test
    void emojiIsUcs2AtTwoCodeUnits() {
        assertThat(SmsSegments.of(EMOJI)).isEqualTo(new SmsSegments(Encoding.UCS_2, 2, 1));
        assertThat(SmsSegments.of("a".repeat(68) + EMOJI)).isEqualTo(new SmsSegments(Encoding.UCS_2, 70, 1));
        assertThat(SmsSegments.of("a".repeat(69) + EMOJI)).isEqualTo(new SmsSegments(Encoding.UCS_2, 71, 2));
    }

    @Test
    void surrogatePairIsNotSplitAcrossSegments() {
        assertThat(SmsSegments.of("ë".repeat(66) + EMOJI + "ë".repeat(66)))
                .isEqualTo(new SmsSegments(Encoding.UCS_2, 134, 3));
        assertThat(SmsSegments.of("ë".repeat(65) + EMOJI + "ë".repeat(67)))
                .isEqualTo(new SmsSegments(Encoding.UCS_2, 134, 2));
    }

    @Test
    void nameWithDiaeresisOutsideGsmMakesTheWholeTextUcs2() {
        assertThat(SmsSegments.of("Zoë")).isEqualTo(new SmsSegments(Encoding.UCS_2, 3, 1));
    }

    @Test
    void everyCharacterOfTheBasicTableIsOneSeptet() {
        assertThat(GSM_BASIC_TABLE).hasSize(127);
        assertThat(SmsSegments.of(GSM_BASIC_TABLE)).isEqualTo(new SmsSegments(Encoding.GSM_7, 127, 1));
        for (char c : GSM_BASIC_TABLE.toCharArray()) {
            assertThat(SmsSegments.isGsm7(c)).as("U+%04X", (int) c).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ç", // only the capital Ç is in the table
                "ë", "á", "ê", "í", "ó", "ú", "â", "`", "\t",
                "\u001B", // backtick, tab and a raw escape are not characters of the alphabet
                "\u2019", // the curly apostrophe word processors type
                "\u2126", // the ohm sign, which looks like the table's Greek capital omega
                "\u0410", // Cyrillic A
                "\u03B1", // Greek small alpha: the table has capitals only
                "\u00A0", // no-break space
            })
    void lookalikesAndCommonAccentsOutsideTheTableMakeTextUcs2(String character) {
        assertThat(SmsSegments.of("Hello " + character).encoding()).isEqualTo(Encoding.UCS_2);
        assertThat(SmsSegments.isGsm7(character.charAt(0))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Sunrise Family Clinic",
                "Northern Beaches Family Medical Practice",
                "Northern Beaches Family Medical Practice and Skin Cancer Clinic"
            })
    void defaultNoticeIsOneGsmSegmentForPracticeNamesUpToAndBeyondTheCap(String practiceName) {
        PortalFixture f = new PortalFixture(new InMemoryPortalStorage());
        f.enablePortal(b -> b.practiceName(practiceName));
        f.portal.invitations().invite(f.newPatient("p1").build());
        f.portal.dispatcher().drain();
        f.clock.advance(Duration.ofSeconds(31)); // the notice waits for its email
        f.portal.dispatcher().drain();

        assertThat(f.sms.sent()).hasSize(1);
        SmsSegments size = SmsSegments.of(f.sms.sent().get(0).body());
        assertThat(size.encoding()).isEqualTo(Encoding.GSM_7);
        assertThat(size.segments()).isEqualTo(1);
    }
}
