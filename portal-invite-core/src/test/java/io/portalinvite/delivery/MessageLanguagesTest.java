package io.portalinvite.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portalinvite.common.ValidationException;
import io.portalinvite.delivery.EmailSender.EmailMessage;
import io.portalinvite.delivery.SmsSegments.Encoding;
import io.portalinvite.delivery.TemplateService.TemplateName;
import io.portalinvite.internal.SmsText;
import io.portalinvite.party.Relationship;
import io.portalinvite.storage.InMemoryPortalStorage;
import io.portalinvite.testing.PortalFixture;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MessageLanguagesTest {

    private static final Instant EXPIRES = Instant.parse("2026-12-11T17:01:00Z");
    private static final ZoneId SYDNEY = ZoneId.of("Australia/Sydney");

    private final PortalFixture f = new PortalFixture(new InMemoryPortalStorage());

    @ParameterizedTest
    @ValueSource(strings = {"en", "es", "zh-Hans", "vi", "ar"})
    void builtInTemplatesWhenCheckedLikeAPracticeOverrideThenEveryLanguagePasses(String tag) {
        MessageTemplates templates = new MessageTemplates(new InMemoryPortalStorage().templates());
        for (TemplateName name : TemplateName.values()) {
            String source = MessageTemplates.builtIn(name, Locale.forLanguageTag(tag));
            templates.validate(name, source);
            if (name.html()) {
                assertThat(source)
                        .as(name + " in " + tag)
                        .contains("lang=\"" + tag + "\"")
                        .containsPattern("<title>[^<]+</title>");
            }
        }
    }

    @Test
    void builtInHtmlWhenArabicThenRightToLeft() {
        for (TemplateName name : TemplateName.values()) {
            if (name.html()) {
                assertThat(MessageTemplates.builtIn(name, Locale.forLanguageTag("ar")))
                        .contains("<html lang=\"ar\" dir=\"rtl\">");
            }
        }
        assertThat(MessageTemplates.builtIn(TemplateName.INVITATION_EMAIL_HTML, Locale.forLanguageTag("es")))
                .doesNotContain("dir=");
    }

    @ParameterizedTest
    @CsvSource({
        "en-AU, en",
        "en-US, en",
        "es-MX, es",
        "zh-CN, zh-Hans",
        "zh-Hans-SG, zh-Hans",
        "vi-VN, vi",
        "ar-EG, ar",
        "fr-FR, en"
    })
    void builtInWhenLocaleHasNoFolderOfItsOwnThenLanguageThenEnglish(String locale, String folder) {
        for (TemplateName name : TemplateName.values()) {
            assertThat(MessageTemplates.builtIn(name, Locale.forLanguageTag(locale)))
                    .isEqualTo(MessageTemplates.builtIn(name, Locale.forLanguageTag(folder)));
        }
        assertThat(MessageTemplates.wording(Locale.forLanguageTag(locale), "subject.invitation"))
                .isEqualTo(MessageTemplates.wording(Locale.forLanguageTag(folder), "subject.invitation"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "en-AU   | 12 Dec 2026, 4:01 am AEDT",
                "es      | 12 dic 2026 4:01 (hora de verano de Australia oriental)",
                "zh-Hans | 2026年12月12日 上午4:01（澳大利亚东部夏令时间）",
                "vi      | 04:01, 12 thg 12, 2026 (Giờ Mùa Hè Miền Đông Australia)",
            })
    void expiryWhenWrittenThenPracticeTimeZoneNamedInTheMessageLanguage(String locale, String expected) {
        assertThat(MessageTemplates.expiry(EXPIRES, Locale.forLanguageTag(locale), SYDNEY)
                        .replace('\u202F', ' '))
                .isEqualTo(expected);
    }

    @Test
    void invitationWhenPracticeWritesSpanishThenSubjectBodyAndExpiryInSpanish() {
        f.enablePortal(b -> b.locale(Locale.forLanguageTag("es-ES")).timeZone(ZoneId.of("Europe/Madrid")));

        f.inviteAndDeliver(f.newPatient("p1").build());

        EmailMessage email = f.email.last();
        assertThat(email.subject()).isEqualTo("Su invitación al Portal del Paciente");
        assertThat(email.textBody())
                .startsWith("Hola, ")
                .contains("Para crear su cuenta, abra este enlace y elija una contraseña:")
                .containsPattern("caduca el \\d{1,2} [a-z]{3,4}\\.? 2026 \\d{1,2}:\\d{2} \\(hora [^)]+\\)\\.");
        assertThat(email.htmlBody()).contains("<html lang=\"es\">").contains("<title>");
    }

    @Test
    void invitationWhenCarerAndArabicThenRelationshipWordInArabicAndRightToLeft() {
        f.enablePortal(b -> b.locale(Locale.forLanguageTag("ar")));

        f.inviteAndDeliver(f.newPatient("child")
                .name("Mia", "Nguyen")
                .email(null)
                .carer("Linh", "Nguyen", "linh@example.org", null, Relationship.GUARDIAN)
                .build());

        EmailMessage email = f.email.last();
        assertThat(email.subject()).isEqualTo("دعوتك إلى بوابة المرضى");
        assertThat(email.textBody()).contains("رعاية Mia بصفتك الوصي القانوني").doesNotContain("guardian");
        assertThat(email.htmlBody()).contains("dir=\"rtl\"").contains("مرحبًا Linh");
    }

    @Test
    void resetAndReminderSubjectsWhenChineseThenChinese() {
        assertThat(MessageTemplates.wording(Locale.forLanguageTag("zh-CN"), "subject.reset"))
                .isEqualTo("重置您的患者门户密码");
        assertThat(MessageTemplates.wording(Locale.forLanguageTag("zh-CN"), "subject.reminder"))
                .isEqualTo("提醒：您的患者门户邀请");
        assertThat(MessageTemplates.wording(Locale.forLanguageTag("vi"), "relationship.parent"))
                .isEqualTo("cha mẹ");
    }

    @ParameterizedTest
    @CsvSource({
        // language, encoding, segments with the practice name "Sunrise Family Clinic"
        "en, GSM_7, 1",
        "es, GSM_7, 1",
        "zh-Hans, UCS_2, 1",
        "vi, UCS_2, 2",
        "ar, UCS_2, 2"
    })
    void smsNoticeWhenInEachLanguageThenAllowedAndSegmentsCountedForItsEncoding(
            String tag, Encoding encoding, int segments) {
        var settings = f.enablePortal(b -> b.locale(Locale.forLanguageTag(tag)).practiceName("Sunrise Family Clinic"));

        String notice = DefaultMessageComposer.smsNotice(
                settings, new MessageTemplates(new InMemoryPortalStorage().templates()));

        assertThat(SmsText.problem("sms", notice, false)).isEmpty();
        // the name is kept whole: in UCS-2 the wording alone needs the segments, cutting it saves nothing
        assertThat(notice).contains("Sunrise Family Clinic");
        SmsSegments counted = SmsSegments.of(notice);
        assertThat(counted.encoding()).isEqualTo(encoding);
        assertThat(counted.units()).isEqualTo(encoding == Encoding.UCS_2 ? notice.length() : counted.units());
        int perSegment =
                notice.length() <= encoding.singleLimit() ? encoding.singleLimit() : encoding.concatenatedLimit();
        assertThat(counted.segments())
                .isEqualTo(segments)
                .isEqualTo(encoding == Encoding.UCS_2 ? (notice.length() + perSegment - 1) / perSegment : segments);
    }

    @Test
    void languageWhenHostAddsAFolderThenItsFilesAndWordingAreUsedAndTheRestFallsBackToEnglish() {
        // src/test/resources/io/portalinvite/delivery/templates/la holds one template and one subject
        f.enablePortal(b -> b.locale(Locale.forLanguageTag("la")));

        f.inviteAndDeliver(f.newPatient("p1").name("Julia", "Caesar").build());

        EmailMessage email = f.email.last();
        assertThat(email.subject()).isEqualTo("Invitatio ad Portam Aegrotorum");
        assertThat(email.textBody()).startsWith("Salve Julia,");
        assertThat(email.htmlBody()).contains("Set up your Patient Portal account");
    }

    @Test
    void inviteWhenStaffChooseALanguageForThePatientThenEmailSmsAndPageUseItOverThePractices() {
        f.enablePortal(b -> b.locale(Locale.forLanguageTag("en-AU")).practiceName("Sunrise Clinic"));

        String token = f.inviteAndDeliver(
                f.newPatient("p1").name("Lan", "Tran").language("vi").build());

        EmailMessage email = f.email.last();
        assertThat(email.subject()).isEqualTo("Lời mời sử dụng Cổng thông tin bệnh nhân");
        assertThat(email.textBody()).startsWith("Xin chào Lan,").contains("(Giờ");
        assertThat(email.htmlBody()).contains("<html lang=\"vi\">");
        assertThat(f.sms.sent().get(f.sms.sent().size() - 1).body())
                .startsWith("Sunrise Clinic: chúng tôi đã gửi email");
        assertThat(f.portal.registration().preview(token).locale()).isEqualTo(Locale.forLanguageTag("vi"));
    }

    @Test
    void inviteWhenNoLanguageChosenThenPractices() {
        f.enablePortal(b -> b.locale(Locale.forLanguageTag("es")));

        String token = f.inviteAndDeliver(f.newPatient("p1").build());

        assertThat(f.email.last().subject()).isEqualTo("Su invitación al Portal del Paciente");
        assertThat(f.portal.registration().preview(token).locale()).isEqualTo(Locale.forLanguageTag("es"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a tag", "12", "es-", "x", "zh-Hans-CN-" + "abcdefghi", "<script>"})
    void inviteWhenLanguageIsNotATagThenRefusedNamingTheField(String tag) {
        f.enablePortal();

        assertThatThrownBy(() -> f.portal
                        .invitations()
                        .invite(f.newPatient("p1").language(tag).build()))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations())
                                .extracting(v -> v.field() + " " + v.rule())
                                .containsExactly("language language.tag"));
        assertThat(f.email.sent()).isEmpty();
    }
}
