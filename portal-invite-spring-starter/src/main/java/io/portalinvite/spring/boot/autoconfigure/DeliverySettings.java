package io.portalinvite.spring.boot.autoconfigure;

import io.portalinvite.common.ValidationException;
import io.portalinvite.smtp.SmtpSettings;
import io.portalinvite.spring.boot.autoconfigure.Problems.Source;
import io.portalinvite.twilio.TwilioSettings;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.StringUtils;

/**
 * Turns {@code portal.invite.email.smtp.*} (or {@code spring.mail.*}) and
 * {@code portal.invite.sms.twilio.*} into the library's sender settings, refusing what cannot work
 * with the full property name and its value (passwords and tokens masked).
 */
final class DeliverySettings {

    static final String SMTP = "portal.invite.email.smtp";
    static final String TWILIO = "portal.invite.sms.twilio";

    private DeliverySettings() {}

    /**
     * Reads the SMTP settings: {@code portal.invite.email.smtp.*}, or {@code spring.mail.host},
     * {@code port}, {@code username} and {@code password} when no portal-invite host is set.
     *
     * @param smtp the starter's SMTP properties
     * @param environment to read {@code spring.mail.*}
     * @param resources to load a trust store or certificate
     * @return the settings, or null when no host is configured
     * @throws PortalInviteConfigurationException naming each refused property
     */
    static @Nullable SmtpSettings smtp(
            PortalInviteProperties.Smtp smtp, Environment environment, ResourceLoader resources) {
        String hostProperty = SMTP + ".host";
        String prefix = SMTP;
        String host = smtp.getHost();
        Integer port = smtp.getPort();
        String username = smtp.getUsername();
        String password = smtp.getPassword();
        if (!StringUtils.hasText(host)) {
            host = environment.getProperty("spring.mail.host");
            if (!StringUtils.hasText(host)) {
                return null;
            }
            hostProperty = "spring.mail.host";
            prefix = "spring.mail";
            if (port == null) {
                port = environment.getProperty("spring.mail.port", Integer.class);
            }
            if (username == null) {
                username = environment.getProperty("spring.mail.username");
            }
            if (password == null) {
                password = environment.getProperty("spring.mail.password");
            }
        }
        Problems problems = new Problems();
        KeyStore trust = trustStore(smtp, resources, problems);
        SmtpSettings.Builder settings = SmtpSettings.builder()
                .host(host)
                .security(smtp.getSecurity())
                .connectTimeout(smtp.getConnectTimeout())
                .readTimeout(smtp.getReadTimeout())
                .writeTimeout(smtp.getWriteTimeout())
                .trustStore(trust);
        if (port != null) {
            settings.port(port);
        }
        if (StringUtils.hasText(username)) {
            settings.credentials(username, password == null ? "" : password);
        }
        SmtpSettings built = null;
        try {
            built = settings.build();
        } catch (ValidationException e) {
            problems.addAll(
                    e,
                    Problems.sources(
                            "smtp.host", Source.of(hostProperty, host),
                            "smtp.port", Source.of(prefix + ".port", port),
                            "smtp.security", Source.of(SMTP + ".security", smtp.getSecurity()),
                            "smtp.username", Source.of(prefix + ".username", username),
                            "smtp.password", Source.secret(prefix + ".password", password),
                            "smtp.connectTimeout", Source.of(SMTP + ".connect-timeout", smtp.getConnectTimeout()),
                            "smtp.readTimeout", Source.of(SMTP + ".read-timeout", smtp.getReadTimeout()),
                            "smtp.writeTimeout", Source.of(SMTP + ".write-timeout", smtp.getWriteTimeout()),
                            "smtp.trustStore", Source.of(SMTP + ".trust-store", smtp.getTrustStore())),
                    SMTP);
        }
        problems.throwIfAny();
        return built;
    }

    /**
     * Reads Twilio's settings.
     *
     * @param twilio the starter's Twilio properties
     * @return the settings
     * @throws PortalInviteConfigurationException naming each refused property
     */
    static TwilioSettings twilio(PortalInviteProperties.Twilio twilio) {
        TwilioSettings.Builder settings = TwilioSettings.builder()
                .accountSid(nullToEmpty(twilio.getAccountSid()))
                .authToken(nullToEmpty(twilio.getAuthToken()));
        if (StringUtils.hasText(twilio.getFrom())) {
            settings.from(twilio.getFrom());
        }
        if (StringUtils.hasText(twilio.getMessagingServiceSid())) {
            settings.messagingServiceSid(twilio.getMessagingServiceSid());
        }
        Problems problems = new Problems();
        try {
            settings.baseUrl(twilio.getBaseUrl());
            return settings.build();
        } catch (ValidationException e) {
            problems.addAll(
                    e,
                    Problems.sources(
                            "twilio.accountSid", Source.of(TWILIO + ".account-sid", twilio.getAccountSid()),
                            "twilio.authToken", Source.secret(TWILIO + ".auth-token", twilio.getAuthToken()),
                            "twilio.from", Source.of(TWILIO + ".from", twilio.getFrom()),
                            "twilio.messagingServiceSid",
                                    Source.of(TWILIO + ".messaging-service-sid", twilio.getMessagingServiceSid()),
                            "twilio.baseUrl", Source.of(TWILIO + ".base-url", twilio.getBaseUrl())),
                    TWILIO);
            problems.throwIfAny();
            throw e;
        }
    }

    /**
     * Loads the trust store or the PEM certificates the relay's certificate must chain to.
     *
     * @return the store, or null for the JVM's default CAs
     */
    private static @Nullable KeyStore trustStore(
            PortalInviteProperties.Smtp smtp, ResourceLoader resources, Problems problems) {
        String storeLocation = smtp.getTrustStore();
        String pemLocation = smtp.getTrustedCertificate();
        if (StringUtils.hasText(storeLocation) && StringUtils.hasText(pemLocation)) {
            problems.add(
                    Source.of(SMTP + ".trusted-certificate", pemLocation),
                    "set either " + SMTP + ".trust-store or " + SMTP + ".trusted-certificate, not both");
            return null;
        }
        if (StringUtils.hasText(storeLocation)) {
            Source source = Source.of(SMTP + ".trust-store", storeLocation);
            try (InputStream in = open(resources, storeLocation)) {
                KeyStore store = KeyStore.getInstance(smtp.getTrustStoreType());
                String password = smtp.getTrustStorePassword();
                store.load(in, password == null ? null : password.toCharArray());
                if (store.size() == 0) {
                    problems.add(source, "holds no certificate");
                }
                return store;
            } catch (IOException | GeneralSecurityException e) {
                problems.add(
                        source,
                        "cannot be read as a " + smtp.getTrustStoreType() + " trust store with the given " + SMTP
                                + ".trust-store-password: " + e.getMessage());
                return null;
            }
        }
        if (StringUtils.hasText(pemLocation)) {
            Source source = Source.of(SMTP + ".trusted-certificate", pemLocation);
            try (InputStream in = open(resources, pemLocation)) {
                Collection<? extends Certificate> certificates =
                        CertificateFactory.getInstance("X.509").generateCertificates(in);
                if (certificates.isEmpty()) {
                    problems.add(source, "holds no PEM certificate");
                    return null;
                }
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                int i = 0;
                for (Certificate certificate : certificates) {
                    store.setCertificateEntry("trusted-" + i++, certificate);
                }
                return store;
            } catch (IOException | GeneralSecurityException e) {
                problems.add(source, "cannot be read as PEM certificates: " + e.getMessage());
                return null;
            }
        }
        return null;
    }

    private static InputStream open(ResourceLoader resources, String location) throws IOException {
        Resource resource = (resources == null ? new DefaultResourceLoader() : resources).getResource(location);
        if (!resource.exists()) {
            throw new IOException("no such resource");
        }
        return resource.getInputStream();
    }

    private static String nullToEmpty(@Nullable String value) {
        return value == null ? "" : value;
    }
}
