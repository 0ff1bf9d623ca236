package io.portalinvite.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.portalinvite.common.ValidationException;
import io.portalinvite.delivery.MessageTemplates;
import io.portalinvite.delivery.TemplateService.TemplateName;
import io.portalinvite.internal.Passwords;
import io.portalinvite.party.EmailAddress;
import io.portalinvite.party.PersonName;
import io.portalinvite.party.PhoneNumber;
import io.portalinvite.password.PasswordCheck;
import io.portalinvite.password.PasswordCheck.PasswordRejectedException;
import io.portalinvite.password.PasswordPolicy;
import io.portalinvite.password.PasswordValidator;
import io.portalinvite.password.PasswordValidator.PasswordContext;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.storage.InMemoryPortalStorage;
import io.portalinvite.testing.PortalFixture;
import io.portalinvite.token.LinkToken;
import io.portalinvite.token.LinkToken.InvalidLinkException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Coverage-guided fuzzing (Jazzer) of every parser and validator that takes text from outside
 * (checklist L2, B4, B5, B7, C2, C4, A8): email, mobile number, person name, link token,
 * template override, practice settings and the password policy. Each target must either refuse its
 * input with the typed exception its Javadoc documents or accept it with the stated invariants (the
 * accepted form parses to itself, holds no control character, respects the length limits). Any
 * other exception or a broken invariant is a finding.
 *
 * <p>{@code mvn -B verify} runs these in regression mode: each target once with every seed under
 * {@code src/test/resources/io/portalinvite/fuzz/ParserFuzzTestInputs/<target>/} and with an empty
 * input. A real fuzzing run, one target at a time for its {@code maxDuration}, is
 * {@code JAZZER_FUZZ=1 mvn -pl portal-invite-core -am test -Dtest='ParserFuzzTest#emailAddress'
 * -Dsurefire.failIfNoSpecifiedTests=false} (see docs/security.md); findings are written next to the
 * seeds and replayed by every later build.
 */
class ParserFuzzTest {

    private static final PasswordValidator VALIDATOR = new PasswordValidator();
    private static final MessageTemplates TEMPLATES = new MessageTemplates(new InMemoryPortalStorage().templates());
    private static final Map<String, Object> SCOPE = Map.of(
            "inviteeFirstName",
            "<b>Ada</b>",
            "practiceName",
            "Sunrise & Co",
            "link",
            "https://portal.sunrise.example/invitation?token=AAAA",
            "expiry",
            "1 May 2026",
            "language",
            "en");

    @FuzzTest(maxDuration = "10m")
    void emailAddress(byte[] input) {
        String raw = new String(input, StandardCharsets.UTF_8);
        EmailAddress parsed;
        try {
            parsed = EmailAddress.parse("email", raw);
        } catch (ValidationException refused) {
            assertTyped(refused);
            return;
        }
        assertThat(parsed.value().length()).isLessThanOrEqualTo(EmailAddress.MAX_LENGTH);
        assertThat(parsed.localPart().length()).isLessThanOrEqualTo(EmailAddress.MAX_LOCAL_LENGTH);
        assertPrintable(parsed.value());
        assertThat(EmailAddress.parse("email", parsed.value()))
                .as("canonical form parses to itself")
                .isEqualTo(parsed);
    }

    @FuzzTest(maxDuration = "10m")
    void mobileNumber(byte[] input) {
        String raw = new String(input, StandardCharsets.UTF_8);
        PhoneNumber parsed;
        try {
            parsed = PhoneNumber.parse("mobile", raw, "AU");
        } catch (ValidationException refused) {
            assertTyped(refused);
            return;
        }
        assertThat(parsed.e164()).matches("\\+[1-9][0-9]{6,14}");
        assertThat(PhoneNumber.parse("mobile", parsed.e164(), "AU")).isEqualTo(parsed);
    }

    @FuzzTest(maxDuration = "10m")
    void personName(FuzzedDataProvider data) {
        String given = data.consumeString(300);
        String family = data.consumeRemainingAsString();
        PersonName parsed;
        try {
            parsed = PersonName.parse("patient", given, family);
        } catch (ValidationException refused) {
            assertTyped(refused);
            return;
        }
        for (String part : new String[] {parsed.given(), parsed.family()}) {
            assertPrintable(part);
            assertThat(part.codePointCount(0, part.length())).isBetween(1, PersonName.MAX_LENGTH);
        }
        assertThat(PersonName.parse("patient", parsed.given(), parsed.family())).isEqualTo(parsed);
    }

    @FuzzTest(maxDuration = "10m")
    void linkToken(byte[] input) {
        String raw = new String(input, StandardCharsets.UTF_8);
        LinkToken token;
        try {
            token = LinkToken.parse(LinkToken.Purpose.INVITATION, raw);
        } catch (InvalidLinkException refused) {
            assertThat(refused.getMessage()).isEqualTo(new InvalidLinkException().getMessage());
            return;
        }
        assertThat(token.reveal()).hasSize(LinkToken.LENGTH).matches("[A-Za-z0-9_-]+");
        assertThat(token.toString()).doesNotContain(token.reveal());
    }

    @FuzzTest(maxDuration = "10m")
    void templateOverride(FuzzedDataProvider data) {
        TemplateName name = data.pickValue(TemplateName.values());
        String source = data.consumeRemainingAsString();
        try {
            TEMPLATES.validate(name, source);
        } catch (ValidationException refused) {
            assertTyped(refused);
            assertThat(refused.violations()).allMatch(v -> v.field().equals("template." + name.name()));
            return;
        }
        String rendered = TEMPLATES.renderSource(name, source, SCOPE);
        if (name.html()) {
            assertThat(rendered).as("merge values are escaped in HTML").doesNotContain("<b>Ada</b>");
        }
        if (name == TemplateName.SMS_NOTICE) {
            assertThat(rendered).doesNotContain("https://portal.sunrise.example/invitation?token=");
        }
    }

    @FuzzTest(maxDuration = "10m")
    void practiceSettings(FuzzedDataProvider data) {
        String practiceName = data.consumeString(200);
        String senderName = data.consumeString(200);
        String region = data.consumeString(8);
        String linkBase = data.consumeRemainingAsString();
        PortalSettings settings;
        try {
            settings = PortalSettings.builder(PortalFixture.PRACTICE)
                    .practiceName(practiceName)
                    .senderName(senderName)
                    .defaultPhoneRegion(region)
                    .invitationLinkBase(linkBase)
                    .build();
        } catch (ValidationException refused) {
            assertTyped(refused);
            assertThat(refused.violations()).allMatch(v -> v.field().startsWith("settings."));
            return;
        }
        assertPrintable(settings.practice().name());
        assertThat(settings.links().invitationLinkBase().getScheme()).isIn("https", "http");
        assertThat(settings.links().invitationLinkBase().getRawUserInfo()).isNull();
    }

    @FuzzTest(maxDuration = "10m")
    void passwordPolicy(FuzzedDataProvider data) {
        String password = data.consumeRemainingAsString();
        PasswordCheck check = VALIDATOR.check(password, PasswordPolicy.DEFAULT, PasswordContext.empty());
        String normalized = Passwords.normalize(password);
        assertThat(Passwords.normalize(normalized)).as("NFKC is idempotent").isEqualTo(normalized);
        try {
            VALIDATOR.requireAcceptable(password, PasswordPolicy.DEFAULT, PasswordContext.empty());
            assertThat(check.acceptable()).isTrue();
            assertThat(normalized.codePointCount(0, normalized.length()))
                    .isBetween(PasswordPolicy.DEFAULT.minLength(), PasswordPolicy.DEFAULT.maxLength());
        } catch (PasswordRejectedException refused) {
            assertThat(check.acceptable()).isFalse();
            if (password.length() >= 8
                    && !password.chars().allMatch(c -> Character.isLetter(c) || " ',.-()".indexOf(c) >= 0)) {
                // the guidance is fixed English text, so a password made only of letters and
                // punctuation ("portal") can occur in it; anything else must not be echoed
                assertThat(refused.getMessage()).doesNotContain(password);
            }
        }
    }

    private static void assertTyped(ValidationException refused) {
        assertThat(refused.violations()).isNotEmpty();
        assertThat(refused.getMessage()).doesNotContain("\r").doesNotContain("\n");
    }

    private static void assertPrintable(String value) {
        assertThat(value.codePoints()
                        .filter(cp -> Character.getType(cp) == Character.CONTROL
                                || Character.getType(cp) == Character.FORMAT
                                || Character.getType(cp) == Character.SURROGATE))
                .as("control, format or broken characters in an accepted value")
                .isEmpty();
    }
}
