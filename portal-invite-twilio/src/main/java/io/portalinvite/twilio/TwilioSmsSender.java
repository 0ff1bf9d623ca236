package io.portalinvite.twilio;

import io.portalinvite.delivery.DeliveryException;
import io.portalinvite.delivery.OutboxDispatcher;
import io.portalinvite.delivery.SmsSegments;
import io.portalinvite.delivery.SmsSender;
import io.portalinvite.delivery.SmsSender.SmsMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends SMS notices through Twilio's Programmable Messaging REST API, with nothing but the JDK's
 * HTTP client.
 *
 * <p>Each {@link #send} is one {@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json}. How the
 * answer is classified decides whether the {@link OutboxDispatcher} tries again:
 * <ul>
 * <li>2xx: Twilio accepted the message (it queues it; handset delivery is reported later, through
 *     status callbacks this adapter does not configure).
 * <li>400, 404 and other 4xx: permanent. Twilio will refuse the same request again: an invalid or
 *     non-mobile number (21211, 21614), a number that cannot receive SMS (21612), a recipient who
 *     replied STOP (21610). Codes that point at the sender's own set-up (21212, 21606, 21408, 21659)
 *     are permanent too but logged at ERROR, because every other notice fails the same way.
 * <li>401 and 403: retryable, logged at ERROR. A wrong or rotated credential is an operator's
 *     mistake, not the patient's: failing the notice for good would drop every notice sent while
 *     the credential is being fixed, whereas retrying lets the queue drain once it is. The
 *     dispatcher's retry limit still ends the attempts if nobody fixes it.
 * <li>429 and 503: retryable; a {@code Retry-After} (seconds or an HTTP-date) is passed on so the
 *     dispatcher waits at least that long, capped at {@link TwilioSettings#maxRetryAfter()}.
 * <li>408, other 5xx, timeouts and I/O failures: retryable.
 * </ul>
 *
 * <p>Twilio documents no idempotency key for creating a message, so none is sent. A request whose
 * answer was lost (a timeout after Twilio accepted it, say) is retried and can reach the patient
 * twice. That is the dispatcher's at-least-once contract; the notice carries no link, code or
 * health information, so a duplicate is a nuisance, not a disclosure.
 *
 * <p>Failure messages end up in the outbox, the host's {@code MessageFailed} events and logs, so
 * they name the HTTP status and Twilio's numeric error code only: never the recipient's number, the
 * message text, Twilio's own error text (which repeats the number) or a credential.
 *
 * <p>Thread-safe: one instance serves every dispatcher thread and keeps its connections pooled.
 * The JVM's default proxy selector is used, so the standard {@code https.proxyHost} properties
 * apply.
 */
public final class TwilioSmsSender implements SmsSender {

    private static final Logger log = LoggerFactory.getLogger(TwilioSmsSender.class);

    /** The most of an answer's body kept; Twilio's error documents are a few hundred bytes. */
    static final int MAX_BODY_BYTES = 16 * 1024;

    private static final Pattern ERROR_CODE = Pattern.compile("\"code\"\\s*:\\s*(\\d{1,9})");
    private static final Pattern MESSAGE_SID = Pattern.compile("\"sid\"\\s*:\\s*\"([A-Z]{2}[0-9a-fA-F]{32})\"");
    private static final Pattern DELTA_SECONDS = Pattern.compile("\\d{1,18}");

    /** Twilio errors that mean the sender's set-up is wrong, so every notice will fail alike. */
    private static final Map<Integer, String> SETUP_ERRORS = Map.of(
            21212, "invalid From number",
            21606, "From number cannot send SMS to this destination",
            21408, "SMS to this region is not enabled on the account",
            21659, "From is not a number of this account");

    /** Twilio errors about the recipient, worth naming in the outbox for staff. */
    private static final Map<Integer, String> RECIPIENT_ERRORS = Map.of(
            21211, "invalid To number",
            21214, "To number cannot be reached",
            21610, "recipient has unsubscribed (replied STOP)",
            21612, "To number cannot receive SMS",
            21614, "To number is not a mobile number");

    /** RFC 9110's obsolete asctime date, e.g. {@code Sun Nov  6 08:49:37 1994}, always GMT. */
    private static final DateTimeFormatter ASCTIME = new DateTimeFormatterBuilder()
            .appendPattern("EEE MMM ppd HH:mm:ss yyyy")
            .toFormatter(Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final TwilioSettings settings;
    private final Clock clock;
    private final HttpClient http;
    private final URI endpoint;
    private final String authorization;

    /**
     * Creates a sender that reads the system clock for {@code Retry-After} dates.
     *
     * @param settings where and as whom to send
     */
    public TwilioSmsSender(TwilioSettings settings) {
        this(settings, Clock.systemUTC());
    }

    /**
     * Creates a sender with the clock the rest of the portal uses, so an HTTP-date
     * {@code Retry-After} is measured against the same "now" as the dispatcher's schedule.
     *
     * @param settings where and as whom to send
     * @param clock the clock
     */
    public TwilioSmsSender(TwilioSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                // a redirect would be a misconfigured base URL; never replay credentials elsewhere
                .followRedirects(HttpClient.Redirect.NEVER);
        ProxySelector proxies = ProxySelector.getDefault();
        if (proxies != null) {
            builder.proxy(proxies);
        }
        this.http = builder.build();
        this.endpoint = URI.create(settings.baseUrl() + "/2010-04-01/Accounts/"
                + URLEncoder.encode(settings.accountSid(), StandardCharsets.UTF_8) + "/Messages.json");
        String pair = settings.username() + ":" + settings.secret();
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Hands one SMS to Twilio.
     *
     * @param message the notice
     * @throws DeliveryException when Twilio did not accept it, permanent or not as described in the
     *     class documentation
     */
    @Override
    public void send(SmsMessage message) {
        Objects.requireNonNull(message, "message");
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(settings.requestTimeout())
                .header("Authorization", authorization)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .header("User-Agent", "portal-invite")
                .POST(HttpRequest.BodyPublishers.ofString(form(message), StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response = exchange(request);
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            if (log.isDebugEnabled()) {
                SmsSegments size = SmsSegments.of(message.body());
                log.debug(
                        "Twilio accepted SMS for outbound message {} as {} ({} {} segment(s))",
                        message.reference(),
                        messageSid(response.body()),
                        size.segments(),
                        size.encoding());
            }
            return;
        }
        throw failure(status, response, message.reference());
    }

    private String form(SmsMessage message) {
        StringBuilder form = new StringBuilder(64 + message.body().length() * 3);
        append(form, "To", message.to().e164());
        if (settings.messagingServiceSid() != null) {
            append(form, "MessagingServiceSid", Objects.requireNonNull(settings.messagingServiceSid()));
        } else {
            append(form, "From", Objects.requireNonNull(settings.from()));
        }
        append(form, "Body", message.body());
        return form.toString();
    }

    private static void append(StringBuilder form, String name, String value) {
        if (form.length() > 0) {
            form.append('&');
        }
        form.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }

    /**
     * Runs the request under one deadline covering connect, headers and body: the request timeout
     * alone stops counting once headers arrive, and a body that trickles in must not hold the
     * dispatcher's claim past its lease.
     */
    private HttpResponse<String> exchange(HttpRequest request) {
        Duration timeout = settings.requestTimeout();
        CompletableFuture<HttpResponse<String>> call = http.sendAsync(request, info -> new BoundedBody());
        try {
            return call.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw unanswered(timeout, e);
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted while sending the SMS to Twilio", false, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof HttpConnectTimeoutException) {
                throw DeliveryException.unreachable(
                        "could not connect to Twilio within " + settings.connectTimeout(), cause);
            }
            if (isUnreachable(cause)) {
                // nothing reached Twilio: the dispatcher waits for it instead of spending attempts
                throw DeliveryException.unreachable("could not reach Twilio: " + summary(cause), cause);
            }
            if (cause instanceof HttpTimeoutException) {
                throw unanswered(timeout, cause);
            }
            if (cause instanceof IOException) {
                throw new DeliveryException("the request to Twilio failed: " + summary(cause), false, cause);
            }
            throw new DeliveryException("the request to Twilio failed unexpectedly: " + summary(cause), false, cause);
        }
    }

    private static DeliveryException unanswered(Duration timeout, Throwable cause) {
        return new DeliveryException(
                "Twilio did not answer within " + timeout
                        + "; the SMS may have been accepted and can arrive twice after a retry",
                false,
                cause);
    }

    private DeliveryException failure(int status, HttpResponse<String> response, String reference) {
        Integer code = errorCode(response.body());
        String what = "Twilio answered HTTP " + status + (code == null ? "" : ", error " + code);
        String recipient = code == null ? null : RECIPIENT_ERRORS.get(code);
        String setup = code == null ? null : SETUP_ERRORS.get(code);
        if (status == 401 || status == 403) {
            log.error(
                    "Twilio refused the credentials for account {} ({}); SMS notices are retried until "
                            + "the auth token or API key is fixed (outbound message {})",
                    settings.accountSid(),
                    what,
                    reference);
            return new DeliveryException(what + ": credentials refused; check the Twilio settings", false);
        }
        if (status == 429 || status == 503) {
            Optional<Duration> wait = retryAfter(
                            response.headers().firstValue("Retry-After").orElse(null), clock.instant())
                    .map(d -> d.compareTo(settings.maxRetryAfter()) > 0 ? settings.maxRetryAfter() : d);
            String text = what + (status == 429 ? ": too many requests" : ": service unavailable");
            return wait.isPresent()
                    ? new DeliveryException(text + ", retry after " + wait.get(), wait.get(), null)
                    : new DeliveryException(text, false);
        }
        if (status == 408 || status >= 500) {
            return new DeliveryException(what + ": Twilio-side failure", false);
        }
        if (status >= 400) {
            if (setup != null) {
                log.error(
                        "Twilio refused an SMS because of the sender's set-up ({}: {}); every notice will fail "
                                + "until the Twilio settings or account are fixed (outbound message {})",
                        what,
                        setup,
                        reference);
                return new DeliveryException(what + ": " + setup, true);
            }
            return new DeliveryException(what + (recipient == null ? ": request refused" : ": " + recipient), true);
        }
        // 1xx or 3xx: the base URL points somewhere that is not the Messages API
        log.error(
                "Twilio answered HTTP {} to a message create; check twilio.baseUrl {} (outbound message {})",
                status,
                settings.baseUrl(),
                reference);
        return new DeliveryException(what + ": unexpected answer; check the Twilio base URL", false);
    }

    /**
     * Reads a {@code Retry-After} value: delay-seconds or an HTTP-date in any of the three forms
     * RFC 9110 obliges a recipient to accept.
     *
     * @param value the header value, or null
     * @param now the current time, for dates
     * @return the wait (zero for a date in the past), or empty when absent or unreadable
     */
    static Optional<Duration> retryAfter(@Nullable String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.strip();
        if (DELTA_SECONDS.matcher(v).matches()) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
        }
        for (DateTimeFormatter format : dateFormats(now)) {
            try {
                Instant at = ZonedDateTime.parse(v, format).toInstant();
                return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        return Optional.empty();
    }

    /**
     * The preferred IMF-fixdate ({@code Sun, 06 Nov 1994 08:49:37 GMT}), then the obsolete RFC 850
     * form, whose two-digit year RFC 9110 reads as at most 50 years ahead of now, then asctime.
     */
    private static List<DateTimeFormatter> dateFormats(Instant now) {
        int year = now.atZone(ZoneOffset.UTC).getYear();
        DateTimeFormatter rfc850 = new DateTimeFormatterBuilder()
                .appendPattern("EEEE, dd-MMM-")
                .appendValueReduced(ChronoField.YEAR, 2, 2, year - 49)
                .appendPattern(" HH:mm:ss 'GMT'")
                .toFormatter(Locale.ENGLISH)
                .withZone(ZoneOffset.UTC);
        return List.of(DateTimeFormatter.RFC_1123_DATE_TIME, rfc850, ASCTIME);
    }

    private static @Nullable Integer errorCode(String body) {
        Matcher m = ERROR_CODE.matcher(body);
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }

    private static String messageSid(String body) {
        Matcher m = MESSAGE_SID.matcher(body);
        return m.find() ? m.group(1) : "an unknown SID";
    }

    private static String summary(Throwable t) {
        String text = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : " (" + t.getMessage() + ")");
        text = text.replaceAll("\\p{Cntrl}", " ");
        return text.length() > 200 ? text.substring(0, 200) : text;
    }

    /**
     * Keeps the first {@link #MAX_BODY_BYTES} of a response body and drops the rest, so a
     * misbehaving endpoint cannot fill the heap. The stream's calls are serialised by the client,
     * so no locking is needed.
     */
    private static final class BoundedBody implements HttpResponse.BodySubscriber<String> {
        private final CompletableFuture<String> result = new CompletableFuture<>();
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

        @Override
        public CompletionStage<String> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer buffer : items) {
                int take = Math.min(buffer.remaining(), MAX_BODY_BYTES - kept.size());
                if (take > 0) {
                    byte[] bytes = new byte[take];
                    buffer.get(bytes);
                    kept.write(bytes, 0, take);
                }
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(kept.toString(StandardCharsets.UTF_8));
        }
    }

    /** Connection refused, unknown host or a failed TLS handshake: the request never reached Twilio. */
    private static boolean isUnreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.ConnectException
                    || t instanceof java.net.UnknownHostException
                    || t instanceof javax.net.ssl.SSLHandshakeException) {
                return true;
            }
        }
        return false;
    }
}
