package io.portalinvite.spring.boot.autoconfigure;

import io.portalinvite.PortalInvite;
import io.portalinvite.spring.web.InvitationApiController;
import io.portalinvite.spring.web.InvitationPageController;
import io.portalinvite.spring.web.InvitationResponseHeadersFilter;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * With {@code portal.invite.web.enabled=true} in a Spring MVC application: the invitation page
 * ({@link InvitationPageController}), its JSON equivalents ({@link InvitationApiController}) and a
 * filter adding {@code Referrer-Policy: no-referrer} and {@code Cache-Control: no-store} to every
 * response under their paths. Each backs off when the host defines its own.
 */
@AutoConfiguration(after = PortalInviteAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnProperty(prefix = "portal.invite.web", name = "enabled", havingValue = "true")
@ConditionalOnBean(PortalInvite.class)
public class PortalInviteWebAutoConfiguration {

    /** Creates the configuration; instantiated by Spring. */
    public PortalInviteWebAutoConfiguration() {}

    /**
     * The HTML invitation page.
     *
     * @param portal the portal
     * @param properties the settings
     * @return the controller
     */
    @Bean
    @ConditionalOnMissingBean
    public InvitationPageController portalInvitationPageController(
            PortalInvite portal, PortalInviteProperties properties) {
        PortalInviteProperties.Web web = properties.getWeb();
        return new InvitationPageController(portal, web.getPath(), web.getLoginUrl());
    }

    /**
     * The JSON endpoints.
     *
     * @param portal the portal
     * @param properties the settings
     * @return the controller
     */
    @Bean
    @ConditionalOnMissingBean
    public InvitationApiController portalInvitationApiController(
            PortalInvite portal, PortalInviteProperties properties) {
        return new InvitationApiController(portal, properties.getWeb().getLoginUrl());
    }

    /**
     * The response-header filter, ordered ahead of Spring Security.
     *
     * @param properties the settings
     * @return the filter (registered for all URLs; it skips other paths itself)
     */
    @Bean
    @ConditionalOnMissingBean
    public InvitationResponseHeadersFilter portalInvitationResponseHeadersFilter(PortalInviteProperties properties) {
        PortalInviteProperties.Web web = properties.getWeb();
        return new InvitationResponseHeadersFilter(List.of(web.getPath(), web.getApiPath()));
    }
}
