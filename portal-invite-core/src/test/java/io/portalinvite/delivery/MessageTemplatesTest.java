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
                "en-AU | Australia/Sydney | 9 Mar 2026, 11:00 am AEDT",
                "en-GB | Europe/London    | 9 Mar 2026, 00:00 GMT",
                "en-US | America/New_York | Mar 8, 2026, 8:00 PM EDT"
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
    void emailWhenPracticeNameHasHtmlSpecialCharactersThenEscapedInHtmlAndLiteralInText() {
        // markup and template syntax cannot get into a practice name (the SMS text rule refuses
        // < > { } $ =); the characters it allows that HTML gives a meaning are escaped
        f.enablePortal(b -> b.practiceName("Smith & \"Jones\" O'Brien (#1)"));

        f.inviteAndDeliver(f.newPatient("p1").build());

        assertThat(f.email.last().htmlBody())
                .contains("Smith &amp; &quot;Jones&quot; O&#39;Brien (#1)")
                .doesNotContain("Smith & \"Jones");
        assertThat(f.email.last().textBody()).contains("Smith & \"Jones\" O'Brien (#1)");
    }

    @Test
    void settingsWhenPracticeNameHasMarkupOrTemplateSyntaxThenRefused() {
        assertThatThrownBy(() -> f.enablePortal(b -> b.practiceName("<img src=x onerror=alert(1)> {{7*7}} ${7*7}")))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations())
                                .extracting(v -> v.field() + " " + v.rule())
                                .containsExactly("settings.practiceName sms_characters"));
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
        assertRule(TemplateName.INVITATION_EMAIL_TEXT, "{{link}} {{#carer}}unclosed", "template.unclosed_section");
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

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Sunrise https://evil.example/login | template.sms_link",
                "Sunrise: see bit.ly/3abcXYZ | template.sms_shortener",
                "Sunrise: see bit ly/3abcXYZ | template.sms_shortener",
                "Sunrise: see evil.example/x | template.sms_link",
                "Sunrise: HTTPS\uFF1A//evil | template.sms_link",
                "Sunrise: HTTPS\uFE55//evil | template.sms_link",
                "Sunrise: https\uFF1Aevil | template.sms_link",
                "Sunrise: evil\uFF0Eexample | template.sms_link",
                "Sunrise: evil\u2024example | template.sms_link",
                "Sunrise: 10.0.0.1 | template.sms_link",
                "Sunrise: write to x@evil.example | template.sms_characters",
                "Sunrise \u202Eelpmaxe.live | template.bidi",
                "Sunrise \u200Bhttps | template.sms_invisible",
                "Sunrise \uFEFF | template.sms_invisible",
                "Sunrise \u2060 | template.sms_invisible",
                "{{practiceName}}.example says hi | template.sms_link",
                "evil{{! hidden }}.example says hi | template.sms_link",
                "{{inviteeFirstName}} check your inbox | template.sms_field",
                "{{#carer}}evil{{/carer}} | template.sms_field",
            })
    void overrideWhenSmsNoticeCouldCarryALinkThenRefusedNamingTheRuleAndLine(String line2, String rule) {
        f.enablePortal();
        String source = "{{practiceName}}: we emailed you.\n" + unescape(line2) + "\nThanks.";

        assertThatThrownBy(() -> f.portal
                        .templates()
                        .override(PortalFixture.PRACTICE, TemplateName.SMS_NOTICE, source, PortalFixture.STAFF))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations()).singleElement().satisfies(v -> {
                            assertThat(v.field()).isEqualTo("template.SMS_NOTICE");
                            assertThat(v.rule()).isEqualTo(rule);
                            assertThat(v.message()).startsWith("line 2: ");
                        }));
        assertThat(f.portal.templates().source(PortalFixture.PRACTICE, TemplateName.SMS_NOTICE))
                .isEqualTo(MessageTemplates.builtIn(TemplateName.SMS_NOTICE, Locale.forLanguageTag("en-AU")));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{{practiceName}}: we have emailed you. Call us on +61 2 9999 0000 (9:00-17:00).",
                "{{practiceName}} \u2013 St. John's & Partners: e.g. check your inbox! #1 100%",
                "{{! a comment }}{{practiceName}}: \u8BF7\u67E5\u770B\u7535\u5B50\u90AE\u4EF6\u3002",
            })
    void overrideWhenSmsNoticeIsPlainWordingThenAccepted(String source) {
        f.enablePortal();
        String text = unescape(source).replace("\u3002", "");

        f.portal.templates().override(PortalFixture.PRACTICE, TemplateName.SMS_NOTICE, text, PortalFixture.STAFF);

        assertThat(f.portal.templates().source(PortalFixture.PRACTICE, TemplateName.SMS_NOTICE))
                .isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "INVITATION_EMAIL_TEXT | Hello {{inviteeFirstName}},\\n\\nJoin \u202E{{link}} | 3 | template.bidi",
                "INVITATION_EMAIL_HTML | <p>Hi</p>\\n<p>\u2066{{link}}\u2069</p> | 2 | template.bidi",
                "SMS_NOTICE | {{practiceName}}\\n\u200Fcheck your inbox | 2 | template.bidi",
                "INVITATION_EMAIL_TEXT | {{link}}\\nHello\\n{{#carer}}for {{patientFirstName}}\\nBye | 3 | "
                        + "template.unclosed_section",
                "REMINDER_EMAIL_TEXT | {{link}}\\n{{^carer}}you\\n{{#carer}}them{{/carer}} | 2 | "
                        + "template.unclosed_section",
                "PASSWORD_RESET_EMAIL_TEXT | {{link}}\\n\\n{{#carer}}x{{/carr}} | 3 | template.section_mismatch",
                "INVITATION_EMAIL_TEXT | {{link}}\\n{{=<% %>=}} | 2 | template.delimiters",
            })
    void overrideWhenBidiControlOrBrokenSectionThenRefusedNamingTheLine(
            TemplateName name, String source, int line, String rule) {
        f.enablePortal();

        assertThatThrownBy(() -> f.portal
                        .templates()
                        .override(PortalFixture.PRACTICE, name, unescape(source), PortalFixture.STAFF))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations()).singleElement().satisfies(v -> {
                            assertThat(v.field()).isEqualTo("template." + name.name());
                            assertThat(v.rule()).isEqualTo(rule);
                            assertThat(v.message()).startsWith("line " + line + ": ");
                        }));
    }

    @Test
    void smsWhenStoredTemplateOrComposerWouldCarryALinkThenNotSentAndCancelled() {
        f.enablePortal();
        // written before the rule existed: straight into the store, past the check at save
        f.storage
                .transactions()
                .inTransaction(() -> f.storage
                        .templates()
                        .save(
                                PortalFixture.PRACTICE,
                                TemplateName.SMS_NOTICE,
                                Locale.forLanguageTag("en-AU"),
                                "{{practiceName}}: sign in at bit.ly/3abcXYZ"));

        var invited = f.portal.invitations().invite(f.newPatient("p1").build());
        f.portal.dispatcher().drain();

        assertThat(f.email.sent()).hasSize(1);
        assertThat(f.sms.sent()).isEmpty();
        assertThat(f.storage
                        .outbox()
                        .findBySubject(Objects.requireNonNull(invited.invitation())
                                .id()
                                .value()))
                .filteredOn(m -> m.kind() == OutboundMessage.MessageKind.INVITATION_SMS_NOTICE)
                .singleElement()
                .satisfies(m -> {
                    assertThat(m.status()).isEqualTo(OutboundMessage.MessageStatus.CANCELLED);
                    assertThat(m.lastError()).contains("sms_shortener").doesNotContain("bit.ly");
                });
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && text.startsWith("u", i + 1)) {
                out.append((char) Integer.parseInt(text.substring(i + 2, i + 6), 16));
                i += 5;
            } else if (c == '\\' && text.startsWith("n", i + 1)) {
                out.append('\n');
                i++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
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

    @Test
    void renderPartsWhenEmailHasTextAndHtmlThenOverridesReadInOneQueryAndBuiltInFillsTheRest() {
        java.util.concurrent.atomic.AtomicInteger singleReads = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger allReads = new java.util.concurrent.atomic.AtomicInteger();
        TemplateStore real = new InMemoryPortalStorage().templates();
        real.save(
                PortalFixture.PRACTICE,
                TemplateName.INVITATION_EMAIL_TEXT,
                Locale.forLanguageTag("en-AU"),
                "Hi {{inviteeFirstName}}");
        TemplateStore counting = new TemplateStore() {
            @Override
            public java.util.Optional<String> find(
                    io.portalinvite.common.PracticeId practiceId, TemplateName name, Locale locale) {
                singleReads.incrementAndGet();
                return real.find(practiceId, name, locale);
            }

            @Override
            public java.util.Map<TemplateName, String> findAll(
                    io.portalinvite.common.PracticeId practiceId, Locale locale) {
                allReads.incrementAndGet();
                return real.findAll(practiceId, locale);
            }

            @Override
            public void save(
                    io.portalinvite.common.PracticeId practiceId, TemplateName name, Locale locale, String source) {
                real.save(practiceId, name, locale, source);
            }

            @Override
            public boolean delete(io.portalinvite.common.PracticeId practiceId, TemplateName name, Locale locale) {
                return real.delete(practiceId, name, locale);
            }
        };
        MessageTemplates templates = new MessageTemplates(counting);

        String[] parts = templates.renderParts(
                PortalFixture.PRACTICE,
                TemplateName.INVITATION_EMAIL_TEXT,
                TemplateName.INVITATION_EMAIL_HTML,
                Locale.forLanguageTag("en-AU"),
                java.util.Map.of("inviteeFirstName", "Ada"));

        assertThat(allReads.get()).isEqualTo(1);
        assertThat(singleReads.get()).isZero();
        assertThat(parts[0]).isEqualTo("Hi Ada");
        assertThat(parts[1])
                .isEqualTo(templates.renderSource(
                        TemplateName.INVITATION_EMAIL_HTML,
                        MessageTemplates.builtIn(TemplateName.INVITATION_EMAIL_HTML, Locale.forLanguageTag("en-AU")),
                        java.util.Map.of("inviteeFirstName", "Ada")));
    }
}
