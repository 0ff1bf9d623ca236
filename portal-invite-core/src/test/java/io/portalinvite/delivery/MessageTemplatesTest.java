package io.portalinvite.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portalinvite.common.ValidationException;
import io.portalinvite.delivery.TemplateService.MessagePreview;
import io.portalinvite.delivery.TemplateService.TemplateName;
import io.portalinvite.party.Relationship;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.storage.InMemoryPortalStorage;
import io.portalinvite.testing.PortalFixture;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessageTemplatesTest {

    private final PortalFixture f = new PortalFixture(new InMemoryPortalStorage());

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "en-AU | Australia/Sydney | 9 Mar 2026, 11:00 am",
                "en-GB | Europe/London    | 9 Mar 2026, 00:00",
                "en-US | America/New_York | Mar 8, 2026, 8:00 PM"
            })
    void emailWhenLocaleAndTimeZoneSetThenExpiryInPracticeTimeAndFormat(String locale, String zone, String expiry) {
        f.enablePortal(b -> b.locale(Locale.forLanguageTag(locale)).timeZone(java.time.ZoneId.of(zone)));

        f.inviteAndDeliver(f.newPatient("p1").build());

        String text = f.email.last().textBody().replace('\u202F', ' ');
        assertThat(text).contains("expires on " + expiry + ".");
    }

    @Test
    void emailWhenCarerThenCarerWordingWithPatientFirstNameOnly() {
        f.enablePortal();

        f.inviteAndDeliver(f.newPatient("child")
                .name("Mia", "Nguyen")
                .email(null)
                .carer("Linh", "Nguyen", "linh@example.org", null, Relationship.GUARDIAN)
                .build());

        assertThat(f.email.last().textBody())
                .contains("Hello Linh,")
                .contains("to help manage the care of Mia, as their guardian")
                .doesNotContain("Nguyen");
        assertThat(f.email.last().htmlBody()).contains("care of Mia, as their guardian");
    }

    @Test
    void emailWhenPracticeNameHasMarkupOrTemplateSyntaxThenEscapedInHtmlAndLiteralInText() {
        f.enablePortal(b -> b.practiceName("<img src=x onerror=alert(1)> {{7*7}} ${7*7} & Co"));

        f.inviteAndDeliver(f.newPatient("p1").build());

        assertThat(f.email.last().htmlBody())
                .contains("&lt;img src=x onerror=alert(1)&gt; {{7*7}} ${7*7} &amp; Co")
                .doesNotContain("<img");
        assertThat(f.email.last().textBody())
                .contains("<img src=x onerror=alert(1)> {{7*7}} ${7*7} & Co")
                .doesNotContain("> 49 ");
    }

    @Test
    void overrideWhenPracticeRewordsThenItsTextIsSentAndResetRestoresTheBuiltIn() {
        f.enablePortal();
        f.portal
                .templates()
                .override(
                        PortalFixture.PRACTICE,
                        TemplateName.INVITATION_EMAIL_TEXT,
                        "G'day {{inviteeFirstName}}! Join {{practiceName}} online: {{link}} (until {{expiry}})",
                        PortalFixture.STAFF);

        String token = f.inviteAndDeliver(f.newPatient("p1").build());
        assertThat(f.email.last().textBody())
                .startsWith("G'day Ada! Join Sunrise Family Clinic online: https://")
                .contains(token);

        assertThat(f.portal
                        .templates()
                        .reset(PortalFixture.PRACTICE, TemplateName.INVITATION_EMAIL_TEXT, PortalFixture.STAFF))
                .isTrue();
        f.inviteAndDeliver(f.newPatient("p2").build());
        assertThat(f.email.last().textBody()).startsWith("Hello Ada,");
    }

    @Test
    void overrideWhenInvalidThenRefusedNamingTheRule() {
        f.enablePortal();
        assertRule(TemplateName.SMS_NOTICE, "{{practiceName}}: see https://evil.example", "template.sms_link");
        assertRule(TemplateName.SMS_NOTICE, "{{practiceName}}: {{link}}", "template.sms_link");
        assertRule(TemplateName.SMS_NOTICE, "visit www.example.org", "template.sms_link");
        assertRule(TemplateName.INVITATION_EMAIL_TEXT, "Hello {{inviteeFirstName}}", "template.link_missing");
        assertRule(
                TemplateName.INVITATION_EMAIL_HTML,
                "<a href=\"{{link}}\">{{{practiceName}}}</a>",
                "template.unescaped");
        assertRule(
                TemplateName.INVITATION_EMAIL_HTML,
                "<a href=\"{{link}}\">{{& practiceName}}</a>",
                "template.unescaped");
        assertRule(TemplateName.INVITATION_EMAIL_TEXT, "{{link}} {{#carer}}unclosed", "template.syntax");
        assertRule(TemplateName.INVITATION_EMAIL_TEXT, "{{link}} {{> /etc/passwd}}", "template.syntax");
        assertRule(TemplateName.INVITATION_EMAIL_TEXT, "{{link}}" + "x".repeat(20_000), "too_long");
        assertThat(f.portal.templates().source(PortalFixture.PRACTICE, TemplateName.SMS_NOTICE))
                .isEqualTo(MessageTemplates.builtIn(TemplateName.SMS_NOTICE, Locale.forLanguageTag("en-AU")));
    }

    @Test
    void previewWhenRequestedThenRendersWithSampleValuesAndSendsNothing() {
        PortalSettings practice = f.enablePortal(b -> b.invitationLifetime(Duration.ofHours(24)));

        MessagePreview patient = f.portal.templates().preview(PortalFixture.PRACTICE, false);
        MessagePreview carer = f.portal.templates().preview(PortalFixture.PRACTICE, true);

        assertThat(patient.subject()).isEqualTo(DefaultMessageComposer.SUBJECT);
        assertThat(patient.emailText())
                .contains("Hello Alex,")
                .contains(practice.practice().name())
                .contains("SAMPLE-LINK-FOR-PREVIEW-ONLY");
        assertThat(patient.emailHtml()).contains("<a href=\"https://portal.sunrise.example/invitation?token=SAMPLE");
        assertThat(patient.smsNotice())
                .isEqualTo(
                        "Sunrise Family Clinic: we have emailed you an invitation to set up your Patient Portal account. "
                                + "Please check your inbox.");
        assertThat(carer.emailText()).contains("care of Sam, as their parent");
        assertThat(f.portal.dispatcher().drain()).isZero();
        assertThat(f.email.sent()).isEmpty();
    }

    @Test
    void smsWhenPracticeNameLongThenShortenedToKeepOneSegment() {
        f.enablePortal(b -> b.practiceName("The Very Long Named Northern Suburbs Family Medical and Dental Centre"));

        f.inviteAndDeliver(f.newPatient("p1").build());

        String body = f.sms.sent().get(0).body();
        assertThat(body)
                .startsWith("The Very Long Named Northern Suburbs Family")
                .contains(".: we have emailed you");
        assertThat(SmsSegments.of(body)).satisfies(s -> {
            assertThat(s.encoding()).isEqualTo(SmsSegments.Encoding.GSM_7);
            assertThat(s.segments()).isEqualTo(1);
        });
    }

    @Test
    void smsWhenPracticeNameHasAccentsAndTypographicQuotesThenFoldedIntoOneGsmSegment() {
        f.enablePortal(b -> b.practiceName("Clínica St John’s – Zoë’s “Family” Care"));

        MessagePreview preview = f.portal.templates().preview(PortalFixture.PRACTICE, false);

        assertThat(preview.smsNotice()).startsWith("Clinica St John's - Zoe's \"Family\" Care: we have emailed");
        assertThat(preview.smsSegments().encoding()).isEqualTo(SmsSegments.Encoding.GSM_7);
        assertThat(preview.smsSegments().segments()).isEqualTo(1);
    }

    @Test
    void smsWhenPracticeNameCannotBeWrittenInGsmThenKeptAndShortenedAsFarAsSensible() {
        f.enablePortal(b -> b.practiceName("悉尼家庭诊所北区分院"));

        MessagePreview preview = f.portal.templates().preview(PortalFixture.PRACTICE, false);

        assertThat(preview.smsNotice()).startsWith("悉尼家庭诊所北区分院: we have emailed");
        assertThat(preview.smsSegments().encoding()).isEqualTo(SmsSegments.Encoding.UCS_2);
    }

    private void assertRule(TemplateName name, String source, String rule) {
        assertThatThrownBy(
                        () -> f.portal.templates().override(PortalFixture.PRACTICE, name, source, PortalFixture.STAFF))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).violations())
                        .singleElement()
                        .satisfies(v -> {
                            assertThat(v.field()).isEqualTo("template." + name.name());
                            assertThat(v.rule()).isEqualTo(rule);
                        }));
        Objects.requireNonNull(name);
    }
}
