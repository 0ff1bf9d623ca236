package io.portalinvite.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.portalinvite.common.FieldViolation;
import io.portalinvite.common.ValidationException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TwilioSettingsTest {

    private static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    private static final String TOKEN = "0badc0ffee0badc0ffee0badc0ffee00";
    private static final String KEY_SID = "SK00112233445566778899aabbccddeeff";
    private static final String KEY_SECRET = "kEySeCrEt0123456789abcdefghijklm";

    private static TwilioSettings.Builder valid() {
        return TwilioSettings.builder().accountSid(ACCOUNT).authToken(TOKEN).from("+15005550006");
    }

    private static ValidationException refused(TwilioSettings.Builder builder) {
        return catchThrowableOfType(ValidationException.class, builder::build);
    }

    @Test
    void defaultsPointAtTwilioWithTenSecondConnectAndThirtySecondRequestTimeouts() {
        TwilioSettings settings = valid().build();

        assertThat(settings.baseUrl()).isEqualTo(URI.create("https://api.twilio.com"));
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.maxRetryAfter()).isEqualTo(Duration.ofHours(1));
        assertThat(settings.username()).isEqualTo(ACCOUNT);
        assertThat(settings.secret()).isEqualTo(TOKEN);
    }

    @Test
    void emptyBuilderNamesAccountCredentialsAndSenderAtOnce() {
        ValidationException e = refused(TwilioSettings.builder());

        assertThat(e.violations())
                .extracting(FieldViolation::field)
                .containsExactlyInAnyOrder("twilio.accountSid", "twilio.authToken", "twilio.from");
    }

    @Test
    void authTokenTogetherWithAnApiKeyIsAmbiguous() {
        ValidationException e = refused(valid().apiKey(KEY_SID, KEY_SECRET));

        assertThat(e.violations()).extracting(FieldViolation::rule).containsExactly("credentials.ambiguous");
    }

    @Test
    void fromTogetherWithAMessagingServiceIsAmbiguous() {
        ValidationException e = refused(valid().messagingServiceSid("MG00112233445566778899aabbccddeeff"));

        assertThat(e.violations()).extracting(FieldViolation::rule).containsExactly("sender.ambiguous");
    }

    @Test
    void apiKeyAuthenticatesAsTheKeyNotTheAccount() {
        TwilioSettings settings = TwilioSettings.builder()
                .accountSid(ACCOUNT)
                .apiKey(KEY_SID, KEY_SECRET)
                .messagingServiceSid("MG00112233445566778899aabbccddeeff")
                .build();

        assertThat(settings.username()).isEqualTo(KEY_SID);
        assertThat(settings.secret()).isEqualTo(KEY_SECRET);
        assertThat(settings.from()).isNull();
    }

    @Test
    void malformedSidsAreRefusedByTheirField() {
        ValidationException e = refused(TwilioSettings.builder()
                .accountSid("AC123")
                .apiKey("AK00112233445566778899aabbccddeeff", KEY_SECRET)
                .messagingServiceSid("MGnothex"));

        assertThat(e.violations())
                .extracting(FieldViolation::field)
                .containsExactlyInAnyOrder("twilio.accountSid", "twilio.apiKeySid", "twilio.messagingServiceSid");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+15005550006", "+61412345678", "12345", "SunriseClin", "Sunrise 1"})
    void fromAcceptsANumberShortCodeOrAlphanumericSenderId(String from) {
        assertThat(valid().from(from).build().from()).isEqualTo(from);
    }

    @ParameterizedTest
    @ValueSource(strings = {"15005550006", "+0123456789", "12", "Sunrise Family", "Sünrise", "1234 5", "+1 500 555"})
    void fromRefusesWhatTwilioCannotSendFrom(String from) {
        assertThat(refused(valid().from(from)).hasViolationFor("twilio.from")).isTrue();
    }

    @Test
    void baseUrlMustBeHttpsOffThisMachine() {
        assertThat(refused(valid().baseUrl("http://api.twilio.com")).violations())
                .extracting(FieldViolation::rule)
                .containsExactly("url.https");
        assertThat(valid().baseUrl("http://127.0.0.1:8080/").build().baseUrl())
                .isEqualTo(URI.create("http://127.0.0.1:8080"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://api.twilio.com/?region=au",
                "https://user:pw@api.twilio.com",
                "api.twilio.com",
                "https://api.twilio.com/#x",
                "not a url",
                ""
            })
    void baseUrlWithQueryFragmentCredentialsOrNoSchemeIsRefused(String url) {
        assertThat(refused(valid().baseUrl(url)).hasViolationFor("twilio.baseUrl"))
                .isTrue();
    }

    @Test
    void baseUrlMayCarryAPathForAGateway() {
        assertThat(valid().baseUrl("https://gateway.example/twilio/").build().baseUrl())
                .isEqualTo(URI.create("https://gateway.example/twilio"));
    }

    @Test
    void timeoutsMustBePositiveAndBounded() {
        ValidationException e = refused(valid().connectTimeout(Duration.ZERO)
                .requestTimeout(Duration.ofSeconds(-1))
                .maxRetryAfter(Duration.ofDays(2)));

        assertThat(e.violations())
                .extracting(FieldViolation::field)
                .containsExactlyInAnyOrder("twilio.connectTimeout", "twilio.requestTimeout", "twilio.maxRetryAfter");
    }

    @Test
    void toStringMasksTheAuthTokenAndTheApiKeySecret() {
        String withToken = valid().build().toString();
        String withKey = TwilioSettings.builder()
                .accountSid(ACCOUNT)
                .apiKey(KEY_SID, KEY_SECRET)
                .from("12345")
                .build()
                .toString();

        assertThat(withToken).contains(ACCOUNT).doesNotContain(TOKEN);
        assertThat(withKey).contains(KEY_SID).doesNotContain(KEY_SECRET);
    }

    @Test
    void refusedSecretIsNotEchoedInTheViolation() {
        String almostSecret = "0badc0ffee 0badc0ffee0badc0ffee";

        ValidationException e = refused(valid().authToken(almostSecret));

        assertThat(e.hasViolationFor("twilio.authToken")).isTrue();
        assertThat(e.getMessage()).doesNotContain("0badc0ffee");
    }
}
