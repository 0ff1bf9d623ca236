package io.portalinvite.spring.boot.autoconfigure;

import io.portalinvite.PortalInvite;
import io.portalinvite.account.LoginService.LoginPolicy;
import io.portalinvite.common.PracticeId;
import io.portalinvite.common.ValidationException;
import io.portalinvite.delivery.EmailSender;
import io.portalinvite.delivery.RetryPolicy;
import io.portalinvite.delivery.SmsSender;
import io.portalinvite.event.PortalEventListener;
import io.portalinvite.maintenance.MaintenanceService.MaintenancePolicy;
import io.portalinvite.party.EmailAddress;
import io.portalinvite.password.Argon2Parameters;
import io.portalinvite.password.Argon2idPasswordHasher;
import io.portalinvite.password.PasswordHasher;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.smtp.SmtpEmailSender;
import io.portalinvite.smtp.SmtpSettings;
import io.portalinvite.spring.boot.autoconfigure.Problems.Source;
import io.portalinvite.spring.event.SpringEventBridge;
import io.portalinvite.storage.InMemoryPortalStorage;
import io.portalinvite.storage.PortalStorage;
import io.portalinvite.throttle.Budget;
import io.portalinvite.throttle.SignInThrottleSettings;
import io.portalinvite.token.TokenKey;
import io.portalinvite.twilio.TwilioSmsSender;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.StringUtils;

/**
 * Auto-configures a {@link PortalInvite} from {@code portal.invite.*} properties and the host's beans.
 * Each ingredient (storage, token key, senders, hasher, the portal itself) backs off when the host
 * defines a bean of that type. Settings that cannot work stop the start with a
 * {@link PortalInviteConfigurationException} naming each property and its value. Without a
 * {@code DataSource} the stores are in memory (with a warning); {@link PortalInviteJdbcAutoConfiguration}
 * supplies JDBC stores joined to Spring transactions.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "portal.invite", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(PortalInviteProperties.class)
public class PortalInviteAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PortalInviteAutoConfiguration.class);

    /** The link base every practice has until one is configured: links to it lead nowhere. */
    static final String PLACEHOLDER_LINK_HOST = "portal.invalid";

    /** Creates the configuration; instantiated by Spring. */
    public PortalInviteAutoConfiguration() {}

    /**
     * The secret links are derived from: {@code portal.invite.token-key}; a random key with a warning
     * only in development mode ({@code portal.invite.dev-mode=true}).
     *
     * @param properties the settings
     * @return the key
     * @throws PortalInviteConfigurationException when the key is missing outside development mode or
     *     is not a base64 key of 32 bytes or more (the value is never shown)
     */
    @Bean
    @ConditionalOnMissingBean
    public TokenKey portalInviteTokenKey(PortalInviteProperties properties) {
        String configured = properties.getTokenKey();
        Source source = Source.secret("portal.invite.token-key", configured);
        if (StringUtils.hasText(configured)) {
            try {
                return TokenKey.fromBase64(configured.strip());
            } catch (IllegalArgumentException e) {
                new Problems()
                        .add(
                                source,
                                "must be a base64 key of at least " + TokenKey.MIN_BYTES
                                        + " bytes, such as the output of: openssl rand -base64 32")
                        .throwIfAny();
            }
        }
        if (!properties.isDevMode()) {
            new Problems()
                    .add(
                            source,
                            "is required: invitation links are derived from it, so it must be the same on every "
                                    + "node and across restarts. Generate one with: openssl rand -base64 32 "
                                    + "(portal.invite.dev-mode=true allows a random key for development only)")
                    .throwIfAny();
        }
        log.warn("portal.invite.token-key is not set and portal.invite.dev-mode=true: a random token key was "
                + "generated. Invitation links stop working when the application restarts and differ between "
                + "nodes; this is for development only.");
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
        String prefix = "portal.invite.hashing";
        Problems problems = new Problems();
        Argon2Parameters parameters = Argon2Parameters.OWASP_MINIMUM;
        try {
            parameters = new Argon2Parameters(h.getMemoryKib(), h.getIterations(), h.getParallelism());
        } catch (ValidationException e) {
            problems.addAll(
                    e,
                    Problems.sources(
                            "argon2Parameters.memoryKiB", Source.of(prefix + ".memory-kib", h.getMemoryKib()),
                            "argon2Parameters.iterations", Source.of(prefix + ".iterations", h.getIterations()),
                            "argon2Parameters.parallelism", Source.of(prefix + ".parallelism", h.getParallelism())),
                    prefix);
        }
        Argon2idPasswordHasher.Builder builder =
                Argon2idPasswordHasher.builder().parameters(parameters);
        try {
            builder.acquireTimeout(h.getAcquireTimeout());
            if (h.getMaxConcurrent() != null) {
                builder.maxConcurrent(h.getMaxConcurrent());
            }
        } catch (IllegalArgumentException | ValidationException e) {
            problems.addMessage(
                    e,
                    Problems.sources(
                            "maxConcurrent", Source.of(prefix + ".max-concurrent", h.getMaxConcurrent()),
                            "acquireTimeout", Source.of(prefix + ".acquire-timeout", h.getAcquireTimeout())),
                    prefix);
        }
        problems.throwIfAny();
        return builder.build();
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
     * The portal. Every practice's settings default to {@code portal.invite.practice-defaults.*} for
     * each field its staff have not set. Every {@code PortalEvent} is also published to the
     * application context; see {@link SpringEventBridge}.
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
     * @param publisher the application context, to publish events to
     * @return the portal, closed with the context
     * @throws PortalInviteConfigurationException naming each refused property, and when practices'
     *     links would lead nowhere because no link base URL is configured
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
            ObjectProvider<PortalInviteBuilderCustomizer> customizers,
            ApplicationEventPublisher publisher) {
        Function<PracticeId, PortalSettings> defaults = PracticeDefaultsSettings.of(properties.getPracticeDefaults());
        PortalInvite.Builder builder = PortalInvite.builder()
                .storage(storage)
                .settingsDefaults(defaults)
                .tokenKey(tokenKey)
                .emailSender(emailSender)
                .smsSender(smsSender.getIfUnique())
                .passwordHasher(passwordHasher)
                .inTransactionListener(new SpringEventBridge(publisher, storage.transactions()));
        applyPolicies(builder, properties);
        Clock c = clock.getIfUnique();
        if (c != null) {
            builder.clock(c);
        }
        listeners.orderedStream().forEach(builder::listener);
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        PortalInvite portal = builder.build();
        requireLinksThatLeadSomewhere(portal);
        return portal;
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

    /** Sets the properties that become the library's policies, refusing each that it would refuse. */
    private static void applyPolicies(PortalInvite.Builder builder, PortalInviteProperties properties) {
        Problems problems = new Problems();
        try {
            builder.defaultSender(EmailAddress.of(properties.getDefaultSender()));
        } catch (ValidationException e) {
            problems.add(
                    Source.of("portal.invite.default-sender", properties.getDefaultSender()),
                    "is not a valid email address");
        }
        try {
            builder.messageIdDomain(properties.getMessageIdDomain());
        } catch (IllegalArgumentException | ValidationException e) {
            problems.add(
                    Source.of("portal.invite.message-id-domain", properties.getMessageIdDomain()),
                    String.valueOf(e.getMessage()));
        }
        PortalInviteProperties.Retry r = properties.getRetry();
        String retry = "portal.invite.retry";
        try {
            builder.retryPolicy(new RetryPolicy(
                    r.getInitialDelay(), r.getMultiplier(), r.getJitter(), r.getMaxAttempts(), r.getMaxDelay()));
        } catch (IllegalArgumentException | ValidationException e) {
            problems.addMessage(
                    e,
                    Problems.sources(
                            "initialDelay", Source.of(retry + ".initial-delay", r.getInitialDelay()),
                            "multiplier", Source.of(retry + ".multiplier", r.getMultiplier()),
                            "jitter", Source.of(retry + ".jitter", r.getJitter()),
                            "maxAttempts", Source.of(retry + ".max-attempts", r.getMaxAttempts()),
                            "maxDelay", Source.of(retry + ".max-delay", r.getMaxDelay())),
                    retry);
        }
        PortalInviteProperties.Login l = properties.getLogin();
        String login = "portal.invite.login";
        try {
            builder.loginPolicy(new LoginPolicy(
                    l.getThrottleFrom(), l.getThrottleInitialDelay(), l.getThrottleMaxDelay(), l.getLockAt()));
        } catch (IllegalArgumentException | ValidationException e) {
            problems.addMessage(
                    e,
                    Problems.sources(
                            "throttleFrom", Source.of(login + ".throttle-from", l.getThrottleFrom()),
                            "initialDelay", Source.of(login + ".throttle-initial-delay", l.getThrottleInitialDelay()),
                            "maxDelay", Source.of(login + ".throttle-max-delay", l.getThrottleMaxDelay()),
                            "lockAt", Source.of(login + ".lock-at", l.getLockAt())),
                    login);
        }
        try {
            SignInThrottleSettings throttle = new SignInThrottleSettings(
                    new Budget(l.getPerAddressAttempts(), l.getPerAddressPeriod()),
                    new Budget(l.getPerDeviceAttempts(), l.getPerDevicePeriod()),
                    l.getDeviceCookieLifetime());
            builder.signInThrottle(
                    l.getPerEmailAttempts() == 0
                            ? throttle
                            : throttle.withPerEmail(new Budget(l.getPerEmailAttempts(), l.getPerEmailPeriod())));
        } catch (IllegalArgumentException e) {
            problems.addMessage(
                    e,
                    Problems.sources(
                            "perAddressAttempts",
                            Source.of(login + ".per-address-attempts", l.getPerAddressAttempts()),
                            "perAddressPeriod",
                            Source.of(login + ".per-address-period", l.getPerAddressPeriod()),
                            "perDeviceAttempts",
                            Source.of(login + ".per-device-attempts", l.getPerDeviceAttempts()),
                            "perDevicePeriod",
                            Source.of(login + ".per-device-period", l.getPerDevicePeriod()),
                            "capacity",
                            Source.of(login + ".per-email-attempts", l.getPerEmailAttempts()),
                            "deviceCookieLifetime",
                            Source.of(login + ".device-cookie-lifetime", l.getDeviceCookieLifetime())),
                    login);
        }
        PortalInviteProperties.Dispatcher d = properties.getDispatcher();
        requirePositive(problems, "portal.invite.dispatcher.lease", d.getLease());
        requirePositive(problems, "portal.invite.dispatcher.poll-interval", d.getPollInterval());
        requirePositive(
                problems,
                "portal.invite.maintenance.interval",
                properties.getMaintenance().getInterval());
        try {
            builder.dispatcherLease(d.getLease())
                    .dispatcherBatchSize(d.getBatchSize())
                    .dispatcherResultBatches(d.getResultBatchSize(), d.getSmsResultBatchSize(), d.getResultInterval())
                    .dispatcherProbe(d.getProbeInitial(), d.getProbeMax());
        } catch (IllegalArgumentException | ValidationException | NullPointerException e) {
            problems.add(
                    Source.of(
                            "portal.invite.dispatcher (batch-size, result-batch-size, sms-result-batch-size, "
                                    + "result-interval, probe-initial, probe-max)",
                            d.getBatchSize()),
                    String.valueOf(e.getMessage()));
        }
        try {
            builder.maintenancePolicy(new MaintenancePolicy(
                    MaintenancePolicy.DEFAULT.batchSize(),
                    MaintenancePolicy.DEFAULT.maxBatches(),
                    properties.getMaintenance().getClosedTokenRetention(),
                    MaintenancePolicy.DEFAULT.resetRetention()));
        } catch (ValidationException e) {
            problems.add(
                    Source.of(
                            "portal.invite.maintenance.closed-token-retention",
                            properties.getMaintenance().getClosedTokenRetention()),
                    "must not be negative");
        }
        Duration auditRetention = properties.getAuditRetention();
        if (auditRetention != null) {
            try {
                builder.auditRetention(auditRetention);
            } catch (IllegalArgumentException | ValidationException e) {
                problems.add(
                        Source.of("portal.invite.audit-retention", auditRetention), String.valueOf(e.getMessage()));
            }
        }
        problems.throwIfAny();
    }

    private static void requirePositive(Problems problems, String property, Duration value) {
        if (value.isNegative() || value.isZero()) {
            problems.add(Source.of(property, value), "must be positive");
        }
    }

    /**
     * Refuses to start when a practice that never set its own link base would send links to the
     * library's placeholder address: they would be delivered and lead nowhere.
     */
    private static void requireLinksThatLeadSomewhere(PortalInvite portal) {
        PortalSettings defaults = portal.settings().get(PracticeId.of("portal-invite-startup-check"));
        String host = defaults.links().invitationLinkBase().getHost();
        if (host == null || host.equals(PLACEHOLDER_LINK_HOST) || host.endsWith("." + PLACEHOLDER_LINK_HOST)) {
            throw Problems.single(
                    PracticeDefaultsSettings.PREFIX + ".link-base-url",
                    null,
                    "is required: it is the https address of the invitation page (with the starter's pages, "
                            + "https://<your host>/portal/invitation), and every emailed link starts with it. "
                            + "Without it links point at " + defaults.links().invitationLinkBase()
                            + " and lead nowhere");
        }
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
         * @param resources to load the trust store or trusted certificate
         * @return the sender
         */
        @Bean
        @ConditionalOnMissingBean
        EmailSender portalInviteEmailSender(
                PortalInviteProperties properties, Environment environment, ResourceLoader resources) {
            SmtpSettings settings = DeliverySettings.smtp(properties.getEmail().getSmtp(), environment, resources);
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
         * The Twilio SMS sender, when {@code portal.invite.sms.twilio.account-sid} has a value (an empty
         * value, as from {@code ${TWILIO_ACCOUNT_SID:}}, leaves SMS off).
         *
         * @param properties the settings
         * @return the sender
         */
        @Bean
        @ConditionalOnMissingBean
        @Conditional(OnTwilioAccountCondition.class)
        SmsSender portalInviteSmsSender(PortalInviteProperties properties) {
            return new TwilioSmsSender(
                    DeliverySettings.twilio(properties.getSms().getTwilio()));
        }
    }
}
