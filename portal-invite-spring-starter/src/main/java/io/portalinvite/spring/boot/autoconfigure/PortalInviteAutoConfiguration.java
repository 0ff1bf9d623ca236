package io.portalinvite.spring.boot.autoconfigure;

import io.portalinvite.PortalInvite;
import io.portalinvite.account.LoginService.LoginPolicy;
import io.portalinvite.common.PracticeId;
import io.portalinvite.common.ValidationException;
import io.portalinvite.delivery.EmailSender;
import io.portalinvite.delivery.RetryPolicy;
import io.portalinvite.delivery.SmsSender;
import io.portalinvite.event.PortalEvent.PortalEventListener;
import io.portalinvite.party.EmailAddress;
import io.portalinvite.password.Argon2Parameters;
import io.portalinvite.password.Argon2idPasswordHasher;
import io.portalinvite.password.PasswordHasher;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.smtp.SmtpEmailSender;
import io.portalinvite.smtp.SmtpSettings;
import io.portalinvite.storage.InMemoryPortalStorage;
import io.portalinvite.storage.PortalStorage;
import io.portalinvite.token.TokenKey;
import io.portalinvite.twilio.TwilioSettings;
import io.portalinvite.twilio.TwilioSmsSender;
import java.time.Clock;
import java.time.DateTimeException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Auto-configures a {@link PortalInvite} from {@code portal.invite.*} properties and the host's beans.
 * Each ingredient (storage, token key, senders, hasher, the portal itself) backs off when the host
 * defines a bean of that type. Without a {@code DataSource} the stores are in memory (with a warning);
 * {@link PortalInviteJdbcAutoConfiguration} supplies JDBC stores joined to Spring transactions.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "portal.invite", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(PortalInviteProperties.class)
public class PortalInviteAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PortalInviteAutoConfiguration.class);

    /** Creates the configuration; instantiated by Spring. */
    public PortalInviteAutoConfiguration() {}

    /**
     * The secret links are derived from: {@code portal.invite.token-key}, or a random key with a warning.
     *
     * @param properties the settings
     * @return the key
     */
    @Bean
    @ConditionalOnMissingBean
    public TokenKey portalInviteTokenKey(PortalInviteProperties properties) {
        String configured = properties.getTokenKey();
        if (StringUtils.hasText(configured)) {
            try {
                return TokenKey.fromBase64(configured);
            } catch (IllegalArgumentException e) {
                // the message never contains the key
                throw new IllegalStateException(
                        "portal.invite.token-key is not a base64 key of at least " + TokenKey.MIN_BYTES + " bytes");
            }
        }
        log.warn("portal.invite.token-key is not set: a random token key was generated. Invitation links stop "
                + "working when the application restarts and differ between nodes; this is not for production. "
                + "Set portal.invite.token-key to the same base64 secret (32+ bytes) on every node.");
        return TokenKey.generate();
    }

    /**
     * The Argon2id password hasher from {@code portal.invite.hashing.*}.
     *
     * @param properties the settings
     * @return the hasher
     */
    @Bean
    @ConditionalOnMissingBean
    public PasswordHasher portalInvitePasswordHasher(PortalInviteProperties properties) {
        PortalInviteProperties.Hashing h = properties.getHashing();
        Argon2idPasswordHasher.Builder builder = Argon2idPasswordHasher.builder()
                .parameters(new Argon2Parameters(h.getMemoryKib(), h.getIterations(), h.getParallelism()))
                .acquireTimeout(h.getAcquireTimeout());
        if (h.getMaxConcurrent() != null) {
            builder.maxConcurrent(h.getMaxConcurrent());
        }
        return builder.build();
    }

    /**
     * Reads the SMTP settings: {@code portal.invite.email.smtp.*}, or {@code spring.mail.host},
     * {@code port}, {@code username} and {@code password} when no portal-invite host is set.
     *
     * @param properties the settings
     * @param environment to read {@code spring.mail.*}
     * @return the settings, or null when no host is configured
     */
    static @Nullable SmtpSettings smtpSettings(PortalInviteProperties properties, Environment environment) {
        PortalInviteProperties.Smtp smtp = properties.getEmail().getSmtp();
        String host = smtp.getHost();
        Integer port = smtp.getPort();
        String username = smtp.getUsername();
        String password = smtp.getPassword();
        if (!StringUtils.hasText(host)) {
            host = environment.getProperty("spring.mail.host");
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
        if (!StringUtils.hasText(host)) {
            return null;
        }
        SmtpSettings.Builder settings = SmtpSettings.builder()
                .host(host)
                .security(smtp.getSecurity())
                .connectTimeout(smtp.getConnectTimeout())
                .readTimeout(smtp.getReadTimeout())
                .writeTimeout(smtp.getWriteTimeout());
        if (port != null) {
            settings.port(port);
        }
        if (StringUtils.hasText(username)) {
            settings.credentials(username, password == null ? "" : password);
        }
        return settings.build();
    }

    /**
     * In-memory stores, when no other {@link PortalStorage} is defined (no {@code DataSource}). Logs a
     * warning: everything is lost when the process ends.
     *
     * @return the storage
     */
    @Bean
    @ConditionalOnMissingBean
    public PortalStorage portalInviteStorage() {
        log.warn("portal-invite is using in-memory storage because the application has no DataSource: "
                + "invitations and accounts are lost when it stops. This is not for production.");
        return new InMemoryPortalStorage();
    }

    /**
     * The portal. Practices without saved settings get {@code portal.invite.practice-defaults.*} (see
     * {@link #practiceDefaults}).
     *
     * @param properties the settings
     * @param storage the stores
     * @param tokenKey the link secret
     * @param emailSender the email sender
     * @param smsSender the SMS sender, if any
     * @param passwordHasher the hasher
     * @param clock a {@link Clock} bean, if the host has exactly one
     * @param listeners every {@link PortalEventListener} bean
     * @param customizers every {@link PortalInviteBuilderCustomizer} bean
     * @return the portal, closed with the context
     */
    @Bean
    @ConditionalOnMissingBean
    public PortalInvite portalInvite(
            PortalInviteProperties properties,
            PortalStorage storage,
            TokenKey tokenKey,
            EmailSender emailSender,
            ObjectProvider<SmsSender> smsSender,
            PasswordHasher passwordHasher,
            ObjectProvider<Clock> clock,
            ObjectProvider<PortalEventListener> listeners,
            ObjectProvider<PortalInviteBuilderCustomizer> customizers) {
        PortalInviteProperties.Retry r = properties.getRetry();
        PortalInviteProperties.Login l = properties.getLogin();
        PortalInviteProperties.Dispatcher d = properties.getDispatcher();
        PortalInvite.Builder builder = PortalInvite.builder()
                .storage(storage)
                .settingsDefaults(practiceDefaults(properties.getPracticeDefaults()))
                .tokenKey(tokenKey)
                .emailSender(emailSender)
                .smsSender(smsSender.getIfUnique())
                .defaultSender(EmailAddress.of(properties.getDefaultSender()))
                .passwordHasher(passwordHasher)
                .messageIdDomain(properties.getMessageIdDomain())
                .retryPolicy(new RetryPolicy(
                        r.getInitialDelay(), r.getMultiplier(), r.getJitter(), r.getMaxAttempts(), r.getMaxDelay()))
                .loginPolicy(new LoginPolicy(
                        l.getThrottleFrom(), l.getThrottleInitialDelay(), l.getThrottleMaxDelay(), l.getLockAt()))
                .dispatcherLease(d.getLease())
                .dispatcherBatchSize(d.getBatchSize())
                .maintenancePolicy(new io.portalinvite.maintenance.MaintenanceService.MaintenancePolicy(
                        io.portalinvite.maintenance.MaintenanceService.MaintenancePolicy.DEFAULT.batchSize(),
                        io.portalinvite.maintenance.MaintenanceService.MaintenancePolicy.DEFAULT.maxBatches(),
                        properties.getMaintenance().getClosedTokenRetention(),
                        io.portalinvite.maintenance.MaintenanceService.MaintenancePolicy.DEFAULT.resetRetention()));
        Clock c = clock.getIfUnique();
        if (c != null) {
            builder.clock(c);
        }
        if (properties.getAuditRetention() != null) {
            builder.auditRetention(properties.getAuditRetention());
        }
        listeners.orderedStream().forEach(builder::listener);
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder.build();
    }

    /**
     * Runs the outbox dispatcher with the context, unless {@code portal.invite.dispatcher.enabled=false}.
     *
     * @param portal the portal
     * @param properties the settings
     * @return the lifecycle
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(
            prefix = "portal.invite.dispatcher",
            name = "enabled",
            havingValue = "true",
            matchIfMissing = true)
    public PortalInviteDispatcherLifecycle portalInviteDispatcherLifecycle(
            PortalInvite portal, PortalInviteProperties properties) {
        return new PortalInviteDispatcherLifecycle(
                portal, properties.getDispatcher().getPollInterval());
    }

    /**
     * Runs the maintenance sweep (expiry, reminders, purges) every
     * {@code portal.invite.maintenance.interval}, unless {@code portal.invite.maintenance.enabled=false}.
     *
     * @param portal the portal
     * @param properties the settings
     * @return the lifecycle
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(
            prefix = "portal.invite.maintenance",
            name = "enabled",
            havingValue = "true",
            matchIfMissing = true)
    public PortalInviteMaintenanceLifecycle portalInviteMaintenanceLifecycle(
            PortalInvite portal, PortalInviteProperties properties) {
        return new PortalInviteMaintenanceLifecycle(
                portal, properties.getMaintenance().getInterval());
    }

    /**
     * Returns the settings a practice has before it saves its own, from
     * {@code portal.invite.practice-defaults.*}; checks those values first, failing start-up with the
     * broken rules.
     *
     * @param defaults the configured defaults
     * @return settings for a practice id
     */
    static Function<PracticeId, PortalSettings> practiceDefaults(PortalInviteProperties.PracticeDefaults defaults) {
        try {
            defaults.toSettings(PracticeId.of("practice-defaults-check"));
        } catch (ValidationException | DateTimeException e) {
            throw new IllegalStateException("portal.invite.practice-defaults are invalid: " + e.getMessage(), e);
        }
        return defaults::toSettings;
    }

    private static String required(@Nullable String value, String property) {
        if (!StringUtils.hasText(value)) {
            throw new IllegalStateException(property + " must be set");
        }
        return value;
    }

    /** The SMTP sender, when portal-invite-smtp is on the class path. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(SmtpEmailSender.class)
    static class SmtpSenderConfiguration {

        /**
         * The SMTP sender from {@code portal.invite.email.smtp.*}, falling back to {@code spring.mail.*}; a
         * sender that fails every message (kept in the outbox, retried) when no host is configured.
         *
         * @param properties the settings
         * @param environment to read {@code spring.mail.*}
         * @return the sender
         */
        @Bean
        @ConditionalOnMissingBean
        EmailSender portalInviteEmailSender(PortalInviteProperties properties, Environment environment) {
            SmtpSettings settings = smtpSettings(properties, environment);
            if (settings == null) {
                log.warn(
                        "portal-invite has no email sender: {}. Invitations are kept in the outbox until then.",
                        UnconfiguredEmailSender.MESSAGE);
                return new UnconfiguredEmailSender();
            }
            return new SmtpEmailSender(settings);
        }
    }

    /** Without portal-invite-smtp: a sender that keeps every email in the outbox until one is configured. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass("io.portalinvite.smtp.SmtpEmailSender")
    static class NoSmtpSenderConfiguration {

        @Bean
        @ConditionalOnMissingBean
        EmailSender portalInviteEmailSender() {
            log.warn(
                    "portal-invite has no email sender: {}. Invitations are kept in the outbox until then.",
                    UnconfiguredEmailSender.MESSAGE);
            return new UnconfiguredEmailSender();
        }
    }

    /** The Twilio SMS sender, when portal-invite-twilio is on the class path. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(TwilioSmsSender.class)
    static class TwilioSenderConfiguration {

        /**
         * The Twilio SMS sender, when {@code portal.invite.sms.twilio.account-sid} is set.
         *
         * @param properties the settings
         * @return the sender
         */
        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnProperty(prefix = "portal.invite.sms.twilio", name = "account-sid")
        SmsSender portalInviteSmsSender(PortalInviteProperties properties) {
            PortalInviteProperties.Twilio t = properties.getSms().getTwilio();
            TwilioSettings.Builder settings = TwilioSettings.builder()
                    .accountSid(required(t.getAccountSid(), "portal.invite.sms.twilio.account-sid"))
                    .authToken(required(t.getAuthToken(), "portal.invite.sms.twilio.auth-token"))
                    .baseUrl(t.getBaseUrl());
            if (StringUtils.hasText(t.getMessagingServiceSid())) {
                settings.messagingServiceSid(t.getMessagingServiceSid());
            } else {
                settings.from(required(t.getFrom(), "portal.invite.sms.twilio.from"));
            }
            return new TwilioSmsSender(settings.build());
        }
    }
}
