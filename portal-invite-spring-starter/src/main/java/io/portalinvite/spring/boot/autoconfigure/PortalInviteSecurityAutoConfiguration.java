package io.portalinvite.spring.boot.autoconfigure;

import io.portalinvite.PortalInvite;
import io.portalinvite.spring.boot.autoconfigure.Problems.Source;
import io.portalinvite.spring.security.PortalInviteHttpConfigurer;
import io.portalinvite.spring.security.PortalSecuritySettings;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * With Spring Security in a servlet application: the Patient Portal's own {@link SecurityFilterChain}
 * for {@code portal.invite.web.base-path} and below, ordered ahead of the host's chains, built by
 * {@link PortalInviteHttpConfigurer}. It registers no {@code AuthenticationProvider},
 * {@code UserDetailsService} or {@code AuthenticationManager} bean, so the host's own sign-in and
 * Spring Boot's default chain (when the host has none) stay exactly as they were.
 * {@code portal.invite.security.enabled=false} leaves the chain to the host.
 */
@AutoConfiguration(
        after = PortalInviteAutoConfiguration.class,
        afterName = {
            "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration"
        })
@ConditionalOnProperty(prefix = "portal.invite", name = "enabled", havingValue = "true", matchIfMissing = true)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({HttpSecurity.class, SecurityFilterChain.class})
@ConditionalOnBean(PortalInvite.class)
public class PortalInviteSecurityAutoConfiguration {

    /** The order of the portal's chain: ahead of the host's chains, which match more. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    /** Creates the configuration; instantiated by Spring. */
    public PortalInviteSecurityAutoConfiguration() {}

    /**
     * What the portal's chain needs, also for hosts that apply {@link PortalInviteHttpConfigurer}
     * to a chain of their own.
     *
     * @param portal the portal
     * @param properties the settings
     * @param clock a {@link Clock} bean, if the host has exactly one
     * @return the settings
     */
    @Bean
    @ConditionalOnMissingBean
    public PortalSecuritySettings portalInviteSecuritySettings(
            PortalInvite portal, PortalInviteProperties properties, ObjectProvider<Clock> clock) {
        WebPaths paths = WebPaths.of(properties);
        PortalInviteProperties.Security security = properties.getSecurity();
        Problems problems = new Problems();
        if (security.getIdleTimeout().isNegative() || security.getIdleTimeout().isZero()) {
            problems.add(
                    Source.of("portal.invite.security.idle-timeout", security.getIdleTimeout()), "must be positive");
        }
        if (security.getAbsoluteTimeout().compareTo(security.getIdleTimeout()) < 0) {
            problems.add(
                    Source.of("portal.invite.security.absolute-timeout", security.getAbsoluteTimeout()),
                    "must be at least portal.invite.security.idle-timeout (" + security.getIdleTimeout() + ")");
        }
        problems.throwIfAny();
        return new PortalSecuritySettings(
                paths.basePath(),
                paths.loginUrl(),
                paths.homeUrl(),
                paths.publicPaths(),
                security.getIdleTimeout(),
                security.getAbsoluteTimeout(),
                portal.login(),
                clock.getIfUnique(Clock::systemUTC));
    }

    /** The starter's own chain, unless {@code portal.invite.security.enabled=false}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(HttpSecurity.class)
    @ConditionalOnProperty(
            prefix = "portal.invite.security",
            name = "enabled",
            havingValue = "true",
            matchIfMissing = true)
    static class Chain {

        @Bean
        @Order(ORDER)
        @ConditionalOnMissingBean(name = "portalInviteSecurityFilterChain")
        SecurityFilterChain portalInviteSecurityFilterChain(HttpSecurity http, PortalSecuritySettings settings)
                throws Exception {
            return http.with(PortalInviteHttpConfigurer.portalInvite().settings(settings), portal -> {})
                    .build();
        }
    }
}
