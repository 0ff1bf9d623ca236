package io.portalinvite.spring.boot.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.portalinvite.micrometer.OutboxBacklogMetrics;
import io.portalinvite.micrometer.PortalInviteMetrics;
import io.portalinvite.micrometer.TimedPasswordHasher;
import io.portalinvite.password.PasswordHasher;
import io.portalinvite.spring.actuate.PortalInviteHealthIndicator;
import io.portalinvite.storage.PortalStorage;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Observability when the host has it, from portal-invite-micrometer: an outbox {@link HealthIndicator}
 * (named {@code portalInvite}) reading the outbox backlog of whichever {@link PortalStorage} is in use,
 * and Micrometer counters of portal-invite events, the hashing timer and outbox backlog gauges.
 */
@AutoConfiguration(after = {PortalInviteJdbcAutoConfiguration.class, PortalInviteAutoConfiguration.class})
@ConditionalOnProperty(prefix = "portal.invite", name = "enabled", havingValue = "true", matchIfMissing = true)
public class PortalInviteActuatorAutoConfiguration {

    /** Creates the configuration; instantiated by Spring. */
    public PortalInviteActuatorAutoConfiguration() {}

    /** The outbox health indicator, with spring-boot-health and a single {@link PortalStorage}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    @ConditionalOnSingleCandidate(PortalStorage.class)
    @ConditionalOnProperty(
            prefix = "management.health.portal-invite",
            name = "enabled",
            havingValue = "true",
            matchIfMissing = true)
    static class Health {

        @Bean
        @ConditionalOnMissingBean(name = "portalInviteHealthIndicator")
        PortalInviteHealthIndicator portalInviteHealthIndicator(
                PortalStorage storage, PortalInviteProperties properties, ObjectProvider<Clock> clock) {
            return new PortalInviteHealthIndicator(
                    storage, properties.getHealth().getMaxOverdue(), clock.getIfUnique(Clock::systemUTC));
        }
    }

    /** Event counters, with Micrometer. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    static class Metrics {

        @Bean
        @ConditionalOnMissingBean
        PortalInviteMetrics portalInviteMetrics(ObjectProvider<MeterRegistry> registry) {
            return new PortalInviteMetrics(registry::getIfUnique);
        }

        /**
         * Times password hashing: the portal gets the host's (or the default) hasher wrapped in a
         * {@link TimedPasswordHasher}; the hasher bean itself stays as it is.
         */
        @Bean
        PortalInviteBuilderCustomizer portalInvitePasswordHasherTimer(
                PasswordHasher hasher, ObjectProvider<MeterRegistry> registry) {
            return builder -> builder.passwordHasher(new TimedPasswordHasher(hasher, registry::getIfUnique));
        }

        /**
         * Binds the outbox backlog gauges to the registry once every singleton exists (whether or not
         * Spring Boot's own metrics auto-configuration is there to bind meter binders).
         */
        @Bean
        @ConditionalOnSingleCandidate(PortalStorage.class)
        SmartInitializingSingleton portalInviteOutboxGauges(
                PortalStorage storage, ObjectProvider<MeterRegistry> registry, ObjectProvider<Clock> clock) {
            return () -> {
                MeterRegistry r = registry.getIfUnique();
                if (r != null) {
                    new OutboxBacklogMetrics(
                                    storage,
                                    clock.getIfUnique(Clock::systemUTC),
                                    OutboxBacklogMetrics.DEFAULT_MIN_INTERVAL)
                            .bindTo(r);
                }
            };
        }
    }
}
