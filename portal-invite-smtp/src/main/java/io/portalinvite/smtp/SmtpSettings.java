package io.portalinvite.smtp;

import io.portalinvite.common.ValidationException;
import io.portalinvite.common.Violations;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * How {@link SmtpEmailSender} reaches the mail relay. Immutable; build with {@link #builder()}.
 *
 * <p>The defaults are the safe ones, because a wrong default here either leaks an invitation link
 * over the network or stalls the outbox:
 * <ul>
 *   <li>{@link Security#STARTTLS} on port 587, with STARTTLS <em>required</em>: a server (or an
 *       attacker in the path) that does not offer it gets nothing, rather than the message in the
 *       clear;</li>
 *   <li>the server's certificate must chain to a trusted CA <em>and</em> name the configured host;</li>
 *   <li>finite timeouts (10 s to connect, 30 s per read and per write). Jakarta Mail's own default is
 *       to wait forever, and a hung relay would then hold the dispatcher and its claims for good;</li>
 *   <li>credentials are only ever sent over TLS: {@link Security#NONE} with a username is refused.</li>
 * </ul>
 *
 * <p>{@link #toString()} never shows the password.
 */
public final class SmtpSettings {

    /** How the connection to the relay is protected. */
    public enum Security {
        /**
         * Plain SMTP, no TLS. Only for a relay on the same host or a network the host fully trusts,
         * since the message, and its one-time link, travel in the clear. Default port 25.
         */
        NONE(25),
        /**
         * Connect in plain text, then upgrade with STARTTLS before anything else is said. Required:
         * when the server does not offer STARTTLS the connection fails instead of continuing in the
         * clear, which is what a downgrade attack would want. Default port 587 (RFC 6409).
         */
        STARTTLS(587),
        /** TLS from the first byte (SMTPS, RFC 8314). Default port 465. */
        IMPLICIT_TLS(465);

        private final int defaultPort;

        Security(int defaultPort) {
            this.defaultPort = defaultPort;
        }

        /**
         * Returns the port used when none is configured.
         *
         * @return the registered submission port for this mode
         */
        public int defaultPort() {
            return defaultPort;
        }
    }

    /** Default time allowed to open the TCP connection. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Default time allowed for each read from the server (a reply to one command). */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    /** Default time allowed for each write to the server. */
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(30);
    /**
     * Default number of messages sent over one connection before it is closed and a new one opened.
     * Many relays limit messages per session (often 100); staying at or under that avoids a 421 in
     * the middle of a batch.
     */
    public static final int DEFAULT_MAX_MESSAGES_PER_CONNECTION = 100;
    /**
     * Default time an unused connection is kept open. Within a batch messages follow each other
     * closely; a connection idle this long belongs to a batch whose end was never signalled.
     */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

    /** The longest timeout accepted: anything longer is almost certainly a unit mistake. */
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);
    /** The most messages accepted per connection. */
    public static final int MAX_MESSAGES_PER_CONNECTION_LIMIT = 10_000;

    private static final String TLS_PROTOCOLS = "TLSv1.3 TLSv1.2";
    private static final Pattern ADDRESS_LITERAL =
            Pattern.compile("\\[(?:\\d{1,3}(?:\\.\\d{1,3}){3}|IPv6:[0-9A-Fa-f:.]{2,45})]");

    private final String host;
    private final int port;
    private final Security security;
    private final @Nullable String username;
    private final @Nullable String password;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration writeTimeout;
    private final @Nullable SSLSocketFactory sslSocketFactory;
    private final @Nullable String heloName;
    private final int maxMessagesPerConnection;
    private final Duration idleTimeout;

    private SmtpSettings(Builder b, String host, @Nullable SSLSocketFactory sslSocketFactory) {
        this.host = host;
        this.security = b.security;
        this.port = b.port == 0 ? b.security.defaultPort() : b.port;
        this.username = b.username;
        this.password = b.password;
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.writeTimeout = b.writeTimeout;
        this.sslSocketFactory = sslSocketFactory;
        this.heloName = b.heloName;
        this.maxMessagesPerConnection = b.maxMessagesPerConnection;
        this.idleTimeout = b.idleTimeout;
    }

    /**
     * Starts configuring a relay. Only the host is required.
     *
     * @return a builder with the defaults described on this class
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the relay's host name or IP address.
     *
     * @return the host; also the name the server's certificate must carry
     */
    public String host() {
        return host;
    }

    /**
     * Returns the relay's port.
     *
     * @return the configured port, or the security mode's default port
     */
    public int port() {
        return port;
    }

    /**
     * Returns how the connection is protected.
     *
     * @return the security mode
     */
    public Security security() {
        return security;
    }

    /**
     * Returns the SMTP AUTH user.
     *
     * @return the user, or null when the relay is used without authentication
     */
    public @Nullable String username() {
        return username;
    }

    /**
     * Tells whether a password is configured, without revealing it.
     *
     * @return true when credentials are set
     */
    public boolean hasPassword() {
        return password != null;
    }

    /**
     * Returns the time allowed to open the connection.
     *
     * @return the connect timeout
     */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * Returns the time allowed for each read from the server.
     *
     * @return the read timeout
     */
    public Duration readTimeout() {
        return readTimeout;
    }

    /**
     * Returns the time allowed for each write to the server.
     *
     * @return the write timeout
     */
    public Duration writeTimeout() {
        return writeTimeout;
    }

    /**
     * Tells whether a trust store replaces the JVM's default CAs. The store itself is not handed
     * back: it was turned into a socket factory at build time, so later changes to it have no effect.
     *
     * @return true when {@link Builder#trustStore(KeyStore)} was set
     */
    public boolean hasCustomTrustStore() {
        return sslSocketFactory != null;
    }

    /**
     * Returns the name announced in EHLO.
     *
     * @return the name, or null to let Jakarta Mail use the local host's canonical name
     */
    public @Nullable String heloName() {
        return heloName;
    }

    /**
     * Returns how many messages go over one connection before it is replaced.
     *
     * @return the limit, at least 1
     */
    public int maxMessagesPerConnection() {
        return maxMessagesPerConnection;
    }

    /**
     * Returns how long an unused connection is kept open.
     *
     * @return the idle timeout
     */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** Only the sender needs the secret; keeping the accessor package-private keeps it out of host code. */
    @Nullable
    String password() {
        return password;
    }

    /**
     * Translates the settings into Jakarta Mail session properties, all under the {@code mail.smtp}
     * prefix: implicit TLS is {@code mail.smtp.ssl.enable} rather than the separate {@code smtps}
     * protocol, so one set of property names covers every mode.
     */
    Properties toSessionProperties() {
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", host);
        p.setProperty("mail.smtp.port", Integer.toString(port));
        p.setProperty("mail.smtp.connectiontimeout", Long.toString(connectTimeout.toMillis()));
        p.setProperty("mail.smtp.timeout", Long.toString(readTimeout.toMillis()));
        p.setProperty("mail.smtp.writetimeout", Long.toString(writeTimeout.toMillis()));
        p.setProperty("mail.smtp.auth", Boolean.toString(username != null));
        // otherwise a socket that fails with the configured TLS factory is retried with the JVM
        // default one: a second connection, and an error about the wrong trust store
        p.setProperty("mail.smtp.socketFactory.fallback", "false");
        if (heloName != null) {
            p.setProperty("mail.smtp.localhost", heloName);
        }
        switch (security) {
            case NONE -> p.setProperty("mail.smtp.starttls.enable", "false");
            case STARTTLS -> {
                p.setProperty("mail.smtp.starttls.enable", "true");
                p.setProperty("mail.smtp.starttls.required", "true");
            }
            case IMPLICIT_TLS -> p.setProperty("mail.smtp.ssl.enable", "true");
        }
        if (security != Security.NONE) {
            p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            p.setProperty("mail.smtp.ssl.protocols", TLS_PROTOCOLS);
            if (sslSocketFactory != null) {
                // an object, not a string: Jakarta Mail looks it up with Properties.get
                p.put("mail.smtp.ssl.socketFactory", sslSocketFactory);
            }
        }
        return p;
    }

    @Override
    public String toString() {
        return "SmtpSettings[host=" + host + ", port=" + port + ", security=" + security
                + ", username=" + username + ", password=" + (password == null ? "none" : "****")
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", writeTimeout=" + writeTimeout + ", trustStore="
                + (sslSocketFactory == null ? "JVM default" : "custom")
                + ", heloName=" + heloName + ", maxMessagesPerConnection=" + maxMessagesPerConnection
                + ", idleTimeout=" + idleTimeout + "]";
    }

    /** Configures {@link SmtpSettings}; {@link #build()} reports every bad field at once. */
    public static final class Builder {
        private @Nullable String host;
        private int port;
        private Security security = Security.STARTTLS;
        private @Nullable String username;
        private @Nullable String password;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private Duration writeTimeout = DEFAULT_WRITE_TIMEOUT;
        private @Nullable KeyStore trustStore;
        private @Nullable String heloName;
        private int maxMessagesPerConnection = DEFAULT_MAX_MESSAGES_PER_CONNECTION;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;

        private Builder() {}

        /**
         * Sets the relay. Use the name on its certificate: with TLS that name is checked.
         *
         * @param value a host name or IP address
         * @return this
         */
        public Builder host(String value) {
            this.host = value;
            return this;
        }

        /**
         * Sets the port.
         *
         * @param value 1 to 65535, or 0 for the security mode's default
         * @return this
         */
        public Builder port(int value) {
            this.port = value;
            return this;
        }

        /**
         * Sets how the connection is protected.
         *
         * @param value the mode; {@link Security#STARTTLS} unless set
         * @return this
         */
        public Builder security(Security value) {
            this.security = Objects.requireNonNull(value, "security");
            return this;
        }

        /**
         * Sets the SMTP AUTH credentials. They are only sent inside TLS.
         *
         * @param user the user name
         * @param secret the password
         * @return this
         */
        public Builder credentials(String user, String secret) {
            this.username = user;
            this.password = secret;
            return this;
        }

        /**
         * Sets the time allowed to open the connection.
         *
         * @param value positive, at most {@link SmtpSettings#MAX_TIMEOUT}
         * @return this
         */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = value;
            return this;
        }

        /**
         * Sets the time allowed for each read, i.e. for the server to answer one command.
         *
         * @param value positive, at most {@link SmtpSettings#MAX_TIMEOUT}
         * @return this
         */
        public Builder readTimeout(Duration value) {
            this.readTimeout = value;
            return this;
        }

        /**
         * Sets the time allowed for each write.
         *
         * @param value positive, at most {@link SmtpSettings#MAX_TIMEOUT}
         * @return this
         */
        public Builder writeTimeout(Duration value) {
            this.writeTimeout = value;
            return this;
        }

        /**
         * Trusts exactly the certificates in this store instead of the JVM's default CAs, for a relay
         * with a certificate from a private CA (or a test server). The host name is still checked
         * against the certificate; there is deliberately no way to switch that off.
         *
         * @param value a store of trusted certificates, or null for the JVM default
         * @return this
         */
        public Builder trustStore(@Nullable KeyStore value) {
            this.trustStore = value;
            return this;
        }

        /**
         * Sets the name announced in EHLO. Some relays refuse a client whose EHLO name is not a
         * fully-qualified domain, and Jakarta Mail's fallback (the local host's canonical name)
         * needs a DNS lookup that a container may not answer well.
         *
         * @param value a domain name or an address literal such as {@code [192.0.2.1]}, or null
         * @return this
         */
        public Builder heloName(@Nullable String value) {
            this.heloName = value;
            return this;
        }

        /**
         * Sets how many messages go over one connection before it is replaced.
         *
         * @param value 1 to {@link SmtpSettings#MAX_MESSAGES_PER_CONNECTION_LIMIT}
         * @return this
         */
        public Builder maxMessagesPerConnection(int value) {
            this.maxMessagesPerConnection = value;
            return this;
        }

        /**
         * Sets how long an unused connection stays open before the sender closes it.
         *
         * @param value positive, at most {@link SmtpSettings#MAX_TIMEOUT}
         * @return this
         */
        public Builder idleTimeout(Duration value) {
            this.idleTimeout = value;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the settings
         * @throws ValidationException naming every bad field ({@code smtp.host}, {@code smtp.port},
         *     {@code smtp.username}, {@code smtp.password}, {@code smtp.security}, {@code smtp.connectTimeout},
         *     {@code smtp.readTimeout}, {@code smtp.writeTimeout}, {@code smtp.trustStore},
         *     {@code smtp.heloName}, {@code smtp.maxMessagesPerConnection}, {@code smtp.idleTimeout})
         */
        public SmtpSettings build() {
            Violations v = new Violations();
            String checkedHost = checkHost(v, host);
            if (port < 0 || port > 65535) {
                v.add("smtp.port", "range", "must be between 1 and 65535 (or 0 for the default port)");
            }
            checkCredentials(v);
            checkTimeout(v, "smtp.connectTimeout", connectTimeout);
            checkTimeout(v, "smtp.readTimeout", readTimeout);
            checkTimeout(v, "smtp.writeTimeout", writeTimeout);
            checkTimeout(v, "smtp.idleTimeout", idleTimeout);
            if (heloName != null && !isHeloName(heloName)) {
                v.add(
                        "smtp.heloName",
                        "helo_name.syntax",
                        "must be a domain name or an address literal such as [192.0.2.1]");
            }
            if (maxMessagesPerConnection < 1 || maxMessagesPerConnection > MAX_MESSAGES_PER_CONNECTION_LIMIT) {
                v.add(
                        "smtp.maxMessagesPerConnection",
                        "range",
                        "must be between 1 and " + MAX_MESSAGES_PER_CONNECTION_LIMIT);
            }
            SSLSocketFactory factory = null;
            if (trustStore != null) {
                if (security == Security.NONE) {
                    v.add("smtp.trustStore", "requires_tls", "is only used with STARTTLS or IMPLICIT_TLS");
                } else {
                    factory = socketFactoryTrusting(v, trustStore);
                }
            }
            v.throwIfAny();
            return new SmtpSettings(this, Objects.requireNonNull(checkedHost), factory);
        }

        private void checkCredentials(Violations v) {
            if (username == null && password == null) {
                return;
            }
            if (username == null || username.isBlank()) {
                v.add("smtp.username", "required", "is required when a password is set");
            } else if (hasControlCharacter(username) || username.length() > 255) {
                v.add("smtp.username", "username.syntax", "must be at most 255 characters without control characters");
            }
            if (password == null || password.isEmpty()) {
                v.add("smtp.password", "required", "is required when a username is set");
            }
            if (security == Security.NONE) {
                v.add(
                        "smtp.security",
                        "credentials_need_tls",
                        "must be STARTTLS or IMPLICIT_TLS when credentials are set: they are never sent in the clear");
            }
        }

        private static @Nullable String checkHost(Violations v, @Nullable String raw) {
            if (raw == null || raw.isBlank()) {
                v.add("smtp.host", "required", "is required");
                return null;
            }
            String value = raw;
            boolean ok = value.length() <= 253 && !value.startsWith("-") && !value.startsWith(".");
            for (int i = 0; ok && i < value.length(); i++) {
                char c = value.charAt(i);
                ok = (c >= 'a' && c <= 'z')
                        || (c >= 'A' && c <= 'Z')
                        || (c >= '0' && c <= '9')
                        || c == '.'
                        || c == '-'
                        || c == ':'
                        || c == '_';
            }
            if (!ok) {
                v.add("smtp.host", "host.syntax", "must be a host name or IP address");
                return null;
            }
            return value;
        }

        private static void checkTimeout(Violations v, String field, @Nullable Duration value) {
            if (value == null || value.isNegative() || value.isZero() || value.compareTo(MAX_TIMEOUT) > 0) {
                v.add(field, "range", "must be positive and at most " + MAX_TIMEOUT.toMinutes() + " minutes");
            }
        }

        private static boolean isHeloName(String value) {
            if (value.isEmpty() || value.length() > 255) {
                return false;
            }
            if (value.startsWith("[")) {
                return ADDRESS_LITERAL.matcher(value).matches();
            }
            for (String label : value.split("\\.", -1)) {
                if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                    return false;
                }
                for (int i = 0; i < label.length(); i++) {
                    char c = label.charAt(i);
                    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) {
                        return false;
                    }
                }
            }
            return true;
        }

        private static boolean hasControlCharacter(String value) {
            return value.chars().anyMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029);
        }

        private static @Nullable SSLSocketFactory socketFactoryTrusting(Violations v, KeyStore store) {
            try {
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(store);
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, tmf.getTrustManagers(), null);
                return context.getSocketFactory();
            } catch (GeneralSecurityException e) {
                v.add(
                        "smtp.trustStore",
                        "trust_store.unusable",
                        "cannot be used: " + e.getClass().getSimpleName());
                return null;
            }
        }
    }
}
