package io.portalinvite.twilio;

import io.portalinvite.common.ValidationException;
import io.portalinvite.common.Violations;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How {@link TwilioSmsSender} reaches Twilio: the account, its credentials, the sender and the
 * network limits. Immutable; built with {@link #builder()}, which reports every bad field at once.
 *
 * <p>Credentials are either the account's auth token or, preferably, an API key (SID and secret):
 * a key can be revoked on its own when it leaks, without rotating the token every other
 * integration of the account uses. The sender is either a {@code From} (a Twilio number, short code
 * or alphanumeric sender ID) or a Messaging Service, which picks the number itself and is what
 * Twilio recommends for sending at volume.
 *
 * <p>{@link #toString()} never shows the auth token or the API key secret, so settings can be
 * logged at start-up.
 */
public final class TwilioSettings {

    /** Twilio's production API. */
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.twilio.com");
    /** Default time to open a connection: long enough for a slow TLS handshake, short enough to fail over. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Default time for a whole request; Twilio answers a message create within a few seconds. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** Default cap on a provider's {@code Retry-After}, so a notice is never parked for days. */
    public static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofHours(1);

    private static final Pattern ACCOUNT_SID = Pattern.compile("AC[0-9a-fA-F]{32}");
    private static final Pattern API_KEY_SID = Pattern.compile("SK[0-9a-fA-F]{32}");
    private static final Pattern MESSAGING_SERVICE_SID = Pattern.compile("MG[0-9a-fA-F]{32}");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Pattern SHORT_CODE = Pattern.compile("[0-9]{3,8}");
    /** Twilio's rule: up to 11 ASCII letters, digits and spaces, at least one letter. */
    private static final Pattern ALPHANUMERIC_SENDER = Pattern.compile("(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}");

    private static final Pattern SECRET = Pattern.compile("[\\x21-\\x7E]{1,256}");

    private final String accountSid;
    private final @Nullable String authToken;
    private final @Nullable String apiKeySid;
    private final @Nullable String apiKeySecret;
    private final @Nullable String from;
    private final @Nullable String messagingServiceSid;
    private final URI baseUrl;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final Duration maxRetryAfter;

    private TwilioSettings(Builder b, URI baseUrl) {
        this.accountSid = Objects.requireNonNull(b.accountSid);
        this.authToken = b.authToken;
        this.apiKeySid = b.apiKeySid;
        this.apiKeySecret = b.apiKeySecret;
        this.from = b.from;
        this.messagingServiceSid = b.messagingServiceSid;
        this.baseUrl = baseUrl;
        this.connectTimeout = Objects.requireNonNull(b.connectTimeout);
        this.requestTimeout = Objects.requireNonNull(b.requestTimeout);
        this.maxRetryAfter = Objects.requireNonNull(b.maxRetryAfter);
    }

    /**
     * Starts a builder; account, credentials and sender must be set, the rest have defaults.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the account whose Messages resource is posted to.
     *
     * @return the account SID, {@code AC…}
     */
    public String accountSid() {
        return accountSid;
    }

    /**
     * Returns the API key used instead of the auth token, if one is.
     *
     * @return the key SID, {@code SK…}, or null when the auth token is used
     */
    public @Nullable String apiKeySid() {
        return apiKeySid;
    }

    /**
     * Returns the sender, when messages name one rather than a Messaging Service.
     *
     * @return an E.164 number, short code or alphanumeric sender ID, or null
     */
    public @Nullable String from() {
        return from;
    }

    /**
     * Returns the Messaging Service that picks the sender, when one is used.
     *
     * @return the service SID, {@code MG…}, or null
     */
    public @Nullable String messagingServiceSid() {
        return messagingServiceSid;
    }

    /**
     * Returns where the API lives; tests and regional or proxied set-ups change it.
     *
     * @return the base URL, without a trailing slash
     */
    public URI baseUrl() {
        return baseUrl;
    }

    /**
     * Returns how long opening a connection may take.
     *
     * @return the connect timeout
     */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * Returns how long a whole request may take, response body included. Keep it well below the
     * dispatcher's lease, or a slow send lets another dispatcher claim the message meanwhile.
     *
     * @return the request timeout
     */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /**
     * Returns the longest {@code Retry-After} honoured; a longer one is shortened to this.
     *
     * @return the cap
     */
    public Duration maxRetryAfter() {
        return maxRetryAfter;
    }

    /** The HTTP basic-auth user: the API key SID, or the account SID with the auth token. */
    String username() {
        return apiKeySid != null ? apiKeySid : accountSid;
    }

    /** The HTTP basic-auth password; never to be logged or put in a message. */
    String secret() {
        return Objects.requireNonNull(apiKeySid != null ? apiKeySecret : authToken);
    }

    /**
     * Describes the settings with the auth token and API key secret masked.
     *
     * @return a description safe for logs
     */
    @Override
    public String toString() {
        String credentials = apiKeySid != null ? "apiKey=" + apiKeySid + ", apiKeySecret=****" : "authToken=****";
        String sender = from != null ? "from=" + from : "messagingServiceSid=" + messagingServiceSid;
        return "TwilioSettings[accountSid=" + accountSid + ", " + credentials + ", " + sender + ", baseUrl=" + baseUrl
                + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout + ", maxRetryAfter="
                + maxRetryAfter + "]";
    }

    private static URI parseBaseUrl(Violations v, @Nullable String raw) {
        String field = "twilio.baseUrl";
        if (raw == null || raw.isBlank()) {
            v.add(field, "required", "is required");
            return DEFAULT_BASE_URL;
        }
        URI uri;
        try {
            uri = new URI(raw.strip());
        } catch (URISyntaxException e) {
            v.add(field, "url.syntax", "is not a valid URL");
            return DEFAULT_BASE_URL;
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
        if (scheme == null
                || host == null
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null
                || uri.getRawUserInfo() != null) {
            v.add(field, "url.syntax", "must be an absolute URL without query, fragment or credentials");
            return DEFAULT_BASE_URL;
        }
        // the auth token travels in every request: never in clear text off this machine
        boolean loopback = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
        if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
            v.add(field, "url.https", "must use https (http only for localhost)");
            return DEFAULT_BASE_URL;
        }
        String text = uri.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text);
    }

    private static void checkSecret(Violations v, String field, String value) {
        if (!SECRET.matcher(value).matches()) {
            // the value itself is never echoed: it may be a real secret with a typo
            v.add(field, "secret.syntax", "must be 1 to 256 printable ASCII characters without spaces");
        }
    }

    private static void checkDuration(Violations v, String field, @Nullable Duration value, Duration max) {
        if (value == null) {
            v.add(field, "required", "is required");
        } else if (value.isNegative() || value.isZero() || value.compareTo(max) > 0) {
            v.add(field, "range", "must be positive and at most " + max);
        }
    }

    /** Builds {@link TwilioSettings}; not thread-safe. */
    public static final class Builder {
        private @Nullable String accountSid;
        private @Nullable String authToken;
        private @Nullable String apiKeySid;
        private @Nullable String apiKeySecret;
        private @Nullable String from;
        private @Nullable String messagingServiceSid;
        private @Nullable String baseUrl = DEFAULT_BASE_URL.toString();
        private @Nullable Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private @Nullable Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private @Nullable Duration maxRetryAfter = DEFAULT_MAX_RETRY_AFTER;

        private Builder() {}

        /**
         * Sets the account.
         *
         * @param value the account SID, {@code AC} and 32 hex digits
         * @return this
         */
        public Builder accountSid(String value) {
            this.accountSid = value;
            return this;
        }

        /**
         * Authenticates with the account's auth token. Set this or {@link #apiKey}, not both.
         *
         * @param value the auth token
         * @return this
         */
        public Builder authToken(String value) {
            this.authToken = value;
            return this;
        }

        /**
         * Authenticates with an API key. Set this or {@link #authToken}, not both.
         *
         * @param sid the key SID, {@code SK} and 32 hex digits
         * @param secret the key's secret
         * @return this
         */
        public Builder apiKey(String sid, String secret) {
            this.apiKeySid = sid;
            this.apiKeySecret = secret;
            return this;
        }

        /**
         * Sends from a fixed sender. Set this or {@link #messagingServiceSid}, not both.
         *
         * @param value an E.164 Twilio number, a short code, or an alphanumeric sender ID
         * @return this
         */
        public Builder from(String value) {
            this.from = value;
            return this;
        }

        /**
         * Sends through a Messaging Service. Set this or {@link #from}, not both.
         *
         * @param value the service SID, {@code MG} and 32 hex digits
         * @return this
         */
        public Builder messagingServiceSid(String value) {
            this.messagingServiceSid = value;
            return this;
        }

        /**
         * Changes where the API lives (default {@link #DEFAULT_BASE_URL}).
         *
         * @param value an https URL, or http for localhost
         * @return this
         */
        public Builder baseUrl(String value) {
            this.baseUrl = value;
            return this;
        }

        /**
         * Changes the connect timeout (default {@link #DEFAULT_CONNECT_TIMEOUT}).
         *
         * @param value positive, at most 5 minutes
         * @return this
         */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = value;
            return this;
        }

        /**
         * Changes the request timeout (default {@link #DEFAULT_REQUEST_TIMEOUT}).
         *
         * @param value positive, at most 5 minutes
         * @return this
         */
        public Builder requestTimeout(Duration value) {
            this.requestTimeout = value;
            return this;
        }

        /**
         * Changes the cap on {@code Retry-After} (default {@link #DEFAULT_MAX_RETRY_AFTER}).
         *
         * @param value positive, at most 24 hours
         * @return this
         */
        public Builder maxRetryAfter(Duration value) {
            this.maxRetryAfter = value;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the settings
         * @throws ValidationException naming every bad field ({@code twilio.accountSid},
         *     {@code twilio.authToken}, {@code twilio.from}, …)
         */
        public TwilioSettings build() {
            Violations v = new Violations();
            if (accountSid == null || accountSid.isBlank()) {
                v.add("twilio.accountSid", "required", "is required");
            } else if (!ACCOUNT_SID.matcher(accountSid).matches()) {
                v.add("twilio.accountSid", "sid.syntax", "must be AC followed by 32 hex digits");
            }

            boolean token = authToken != null;
            boolean key = apiKeySid != null || apiKeySecret != null;
            if (token && key) {
                v.add("twilio.authToken", "credentials.ambiguous", "set either the auth token or an API key, not both");
            } else if (!token && !key) {
                v.add("twilio.authToken", "credentials.required", "set either the auth token or an API key");
            } else if (token) {
                checkSecret(v, "twilio.authToken", Objects.requireNonNull(authToken));
            } else {
                if (apiKeySid == null || !API_KEY_SID.matcher(apiKeySid).matches()) {
                    v.add("twilio.apiKeySid", "sid.syntax", "must be SK followed by 32 hex digits");
                }
                if (apiKeySecret == null) {
                    v.add("twilio.apiKeySecret", "required", "is required");
                } else {
                    checkSecret(v, "twilio.apiKeySecret", apiKeySecret);
                }
            }

            if (from != null && messagingServiceSid != null) {
                v.add("twilio.from", "sender.ambiguous", "set either From or a Messaging Service SID, not both");
            } else if (from == null && messagingServiceSid == null) {
                v.add("twilio.from", "sender.required", "set either From or a Messaging Service SID");
            } else if (from != null) {
                if (!E164.matcher(from).matches()
                        && !SHORT_CODE.matcher(from).matches()
                        && !ALPHANUMERIC_SENDER.matcher(from).matches()) {
                    v.add(
                            "twilio.from",
                            "sender.syntax",
                            "must be an E.164 number, a short code, or up to 11 letters, digits and spaces");
                }
            } else if (!MESSAGING_SERVICE_SID.matcher(messagingServiceSid).matches()) {
                v.add("twilio.messagingServiceSid", "sid.syntax", "must be MG followed by 32 hex digits");
            }

            URI base = parseBaseUrl(v, baseUrl);
            checkDuration(v, "twilio.connectTimeout", connectTimeout, Duration.ofMinutes(5));
            checkDuration(v, "twilio.requestTimeout", requestTimeout, Duration.ofMinutes(5));
            checkDuration(v, "twilio.maxRetryAfter", maxRetryAfter, Duration.ofHours(24));
            v.throwIfAny();
            return new TwilioSettings(this, base);
        }
    }
}
