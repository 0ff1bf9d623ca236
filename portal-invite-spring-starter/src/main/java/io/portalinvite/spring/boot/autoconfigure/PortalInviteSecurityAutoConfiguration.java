package io.portalinvite.spring.boot.autoconfigure;

import io.portalinvite.PortalInvite;
import io.portalinvite.spring.security.PortalInviteAuthenticationProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.security.authentication.AuthenticationProvider;

/**
 * When Spring Security is present, an {@link AuthenticationProvider} that logs Patient Portal users in
 * through {@code PortalInvite.login()}. Spring Security uses a single {@code AuthenticationProvider}
 * bean automatically; with several, add it to your {@code AuthenticationManager} yourself.
 */
@AutoConfiguration(after = PortalInviteAutoConfiguration.class)
@ConditionalOnProperty(prefix = "portal.invite", name = "enabled", havingValue = "true", matchIfMissing = true)
@ConditionalOnClass(AuthenticationProvider.class)
@ConditionalOnBean(PortalInvite.class)
public class PortalInviteSecurityAutoConfiguration {

    /** Creates the configuration; instantiated by Spring. */
    public PortalInviteSecurityAutoConfiguration() {}

    /**
     * The authentication provider.
     *
     * @param portal the portal
     * @return the provider
     */
    @Bean
    @ConditionalOnMissingBean
    public PortalInviteAuthenticationProvider portalInviteAuthenticationProvider(PortalInvite portal) {
        return new PortalInviteAuthenticationProvider(portal.login());
    }
}
