package io.portalinvite.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.portalinvite.delivery.DeliveryException;
import io.portalinvite.delivery.SmsSender.SmsMessage;
import io.portalinvite.party.PhoneNumber;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

class TwilioSmsSenderTest {

    static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    static final String TOKEN = "0badc0ffee0badc0ffee0badc0ffee00";
    static final String FROM = "+15005550006";
    static final PhoneNumber TO = new PhoneNumber("+61412345678");
    static final String BODY = "Sunrise Family Clinic: we have emailed you an invitation to set up your Patient "
            + "Portal account. Please check your inbox.";
    /** A Monday, so HTTP-dates below carry the right day name. */
    static final Instant NOW = Instant.parse("2026-03-02T00:00:00Z");

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger senderLog = (Logger) LoggerFactory.getLogger(TwilioSmsSender.class);
    private FakeTwilioServer twilio;

    @BeforeEach
    void start() throws IOException {
        twilio = new FakeTwilioServer();
        logs.start();
        senderLog.addAppender(logs);
    }

    @AfterEach
    void stop() {
        senderLog.detachAppender(logs);
        twilio.close();
    }

    private TwilioSettings.Builder settings() {
        return TwilioSettings.builder()
                .accountSid(ACCOUNT)
                .authToken(TOKEN)
                .from(FROM)
                .baseUrl(twilio.baseUrl());
    }

    private static TwilioSmsSender sender(TwilioSettings.Builder settings) {
        return new TwilioSmsSender(settings.build(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static SmsMessage sms() {
        return new SmsMessage("3f2b8c1e-7d4a-4e5b-9c6d-0a1b2c3d4e5f", TO, BODY);
    }

    /** Sends, expects a DeliveryException, and checks it leaks nothing it must not. */
    private static DeliveryException refused(TwilioSmsSender sender) {
        Throwable thrown = catchThrowable(() -> sender.send(sms()));
        assertThat(thrown).isInstanceOf(DeliveryException.class);
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage()))
                    .doesNotContain(TOKEN)
                    .doesNotContain("412345678")
                    .doesNotContain("Please check your inbox")
                    .doesNotContain(basicAuth(ACCOUNT, TOKEN).substring("Basic ".length()));
        }
        return (DeliveryException) thrown;
    }

    private static String basicAuth(String user, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private long errorLogs() {
        return logs.list.stream().filter(e -> e.getLevel() == Level.ERROR).count();
    }

    @Test
    void sendPostsToAndBodyAndFromAsAFormToTheAccountsMessagesResourceWithBasicAuth() {
        sender(settings()).send(sms());

        assertThat(twilio.received()).hasSize(1);
        FakeTwilioServer.Received request = twilio.received().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json");
        assertThat(request.contentType()).startsWith("application/x-www-form-urlencoded");
        assertThat(request.authorization()).isEqualTo(basicAuth(ACCOUNT, TOKEN));
        assertThat(request.form())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "To", "+61412345678",
                        "From", FROM,
                        "Body", BODY));
    }

    @Test
    void apiKeyAndMessagingServiceAuthenticateAsTheKeyAndNameTheServiceInsteadOfFrom() {
        String keySid = "SK00112233445566778899aabbccddeeff";
        String keySecret = "kEySeCrEt0123456789abcdefghijklm";
        TwilioSettings.Builder settings = TwilioSettings.builder()
                .accountSid(ACCOUNT)
                .apiKey(keySid, keySecret)
                .messagingServiceSid("MG00112233445566778899aabbccddeeff")
                .baseUrl(twilio.baseUrl());

        sender(settings).send(sms());

        FakeTwilioServer.Received request = twilio.received().get(0);
        assertThat(request.path())
                .as("messages still belong to the account, not the key")
                .isEqualTo("/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json");
        assertThat(request.authorization()).isEqualTo(basicAuth(keySid, keySecret));
        assertThat(request.form())
                .containsEntry("MessagingServiceSid", "MG00112233445566778899aabbccddeeff")
                .doesNotContainKey("From");
    }

    @Test
    void bodyWithFormDelimitersAndNonAsciiCharactersArrivesUnchanged() {
        String body = "Zoë & Partners: 100% sure + ok? a=b;c€ 😀";

        sender(settings()).send(new SmsMessage("ref-1", TO, body));

        FakeTwilioServer.Received request = twilio.received().get(0);
        assertThat(request.form()).containsEntry("Body", body).hasSize(3);
    }

    @Test
    void createdAnswerCountsAsSent() {
        twilio.answer(201, "{\"sid\": \"SMabcdefabcdefabcdefabcdefabcdefab\", \"status\": \"queued\"}");

        assertThatCode(() -> sender(settings()).send(sms())).doesNotThrowAnyException();
        assertThat(twilio.received()).hasSize(1);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "21211 | invalid To number",
                "21614 | not a mobile number",
                "21610 | unsubscribed",
                "21612 | cannot receive SMS",
            })
    void refusedRecipientIsPermanentAndSaysWhyButNotTheNumber(int code, String reason) {
        // Twilio's own error text repeats the number; it must not travel on
        twilio.error(400, code, "The 'To' number +61412345678 is not a valid phone number.");

        DeliveryException e = refused(sender(settings()));

        assertThat(e.permanent()).isTrue();
        assertThat(e.retryAfter()).isEmpty();
        assertThat(e.getMessage())
                .contains("HTTP 400")
                .contains(String.valueOf(code))
                .contains(reason);
        assertThat(errorLogs())
                .as("a bad number is the patient's data, not a fault to page anyone for")
                .isZero();
    }

    @Test
    void notFoundIsPermanent() {
        twilio.error(404, 20404, "The requested resource was not found");

        DeliveryException e = refused(sender(settings()));

        assertThat(e.permanent()).isTrue();
        assertThat(e.getMessage()).contains("HTTP 404");
    }

    @Test
    void senderSetUpErrorIsPermanentButLoggedAtError() {
        twilio.error(400, 21606, "The From phone number +15005550006 is not a valid, SMS-capable inbound number");

        DeliveryException e = refused(sender(settings()));

        assertThat(e.permanent()).isTrue();
        assertThat(e.getMessage()).contains("21606");
        assertThat(errorLogs()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403})
    void refusedCredentialsAreRetryableAndLoggedAtErrorWithoutTheToken(int status) {
        twilio.error(status, 20003, "Authenticate");

        DeliveryException e = refused(sender(settings()));

        assertThat(e.permanent()).isFalse();
        assertThat(e.getMessage()).contains("HTTP " + status).contains("credentials");
        assertThat(errorLogs()).isEqualTo(1);
        assertThat(logs.list)
                .allSatisfy(event -> assertThat(event.getFormattedMessage())
                        .doesNotContain(TOKEN)
                        .doesNotContain("412345678")
                        .doesNotContain(BODY));
    }

    @Test
    void tooManyRequestsWithRetryAfterSecondsIsRetryableAfterThatLong() {
        twilio.error(429, 20429, "Too Many Requests", "Retry-After", "120");

        DeliveryException e = refused(sender(settings()));

        assertThat(e.permanent()).isFalse();
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(120));
        assertThat(e.getMessage()).contains("HTTP 429");
    }

    @Test
    void unavailableWithHttpDateRetryAfterWaitsUntilThatDate() {
        twilio.answer(503, "", "Retry-After", "Mon, 02 Mar 2026 00:01:30 GMT");

        DeliveryException e = refused(sender(settings()));

        assertThat(e.permanent()).isFalse();
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(90));
    }

    @Test
    void tooManyRequestsWithoutRetryAfterLeavesTheWaitToTheDispatcher() {
        twilio.error(429, 20429, "Too Many Requests");

        DeliveryException e = refused(sender(settings()));

        assertThat(e.permanent()).isFalse();
        assertThat(e.retryAfter()).isEmpty();
    }

    @Test
    void retryAfterBeyondTheCapIsShortenedToTheCap() {
        twilio.error(429, 20429, "Too Many Requests", "Retry-After", "86400");

        DeliveryException e = refused(sender(settings().maxRetryAfter(Duration.ofMinutes(10))));

        assertThat(e.retryAfter()).contains(Duration.ofMinutes(10));
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 504})
    void serverErrorIsRetryable(int status) {
        twilio.error(status, 20500, "Internal Server Error");

        DeliveryException e = refused(sender(settings()));

        assertThat(e.permanent()).isFalse();
        assertThat(e.retryAfter()).isEmpty();
        assertThat(e.getMessage()).contains("HTTP " + status);
    }

    @Test
    void redirectIsNotFollowedSoCredentialsGoNowhereElse() {
        twilio.answer(302, "", "Location", twilio.baseUrl() + "/elsewhere");

        DeliveryException e = refused(sender(settings()));

        assertThat(e.permanent())
                .as("a wrong base URL is fixable configuration")
                .isFalse();
        assertThat(twilio.received()).hasSize(1);
        assertThat(errorLogs()).isEqualTo(1);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void unansweredRequestIsRetryableOnceTheRequestTimeoutPasses() {
        twilio.hang();

        DeliveryException e = refused(sender(settings().requestTimeout(Duration.ofMillis(300))));

        assertThat(e.permanent()).isFalse();
        assertThat(e.getMessage()).contains("did not answer");
        assertThat(twilio.received()).hasSize(1);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void bodyThatStopsHalfwayIsRetryableOnceTheRequestTimeoutPasses() {
        twilio.stallBody();

        DeliveryException e = refused(sender(settings().requestTimeout(Duration.ofMillis(300))));

        assertThat(e.permanent())
                .as("the answer was never complete, so it is not a success")
                .isFalse();
        assertThat(e.getMessage()).contains("did not answer");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void refusedConnectionIsUnreachableNotAnAttempt() throws IOException {
        String closedBaseUrl;
        try (FakeTwilioServer gone = new FakeTwilioServer()) {
            closedBaseUrl = gone.baseUrl();
        }

        DeliveryException e = refused(sender(settings().baseUrl(closedBaseUrl)));

        assertThat(e.permanent()).isFalse();
        assertThat(e.kind()).isEqualTo(DeliveryException.Kind.TRANSPORT_UNREACHABLE);
        assertThat(e.getMessage()).contains("could not reach Twilio");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "120                           | 120",
                "0                             | 0",
                "Mon, 02 Mar 2026 00:01:30 GMT | 90",
                "Monday, 02-Mar-26 00:01:30 GMT | 90",
                "Mon Mar  2 00:01:30 2026      | 90",
                "Sun, 01 Mar 2026 23:00:00 GMT | 0",
            })
    void retryAfterReadsDelaySecondsAndEveryHttpDateForm(String header, long seconds) {
        assertThat(TwilioSmsSender.retryAfter(header, NOW)).contains(Duration.ofSeconds(seconds));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "-5", "1.5", "soon", "Tue, 02 Mar 2026 00:01:30 GMT"})
    void retryAfterThatCannotBeReadIsIgnored(String header) {
        assertThat(TwilioSmsSender.retryAfter(header, NOW)).isEmpty();
    }
}
