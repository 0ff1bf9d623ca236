package io.portalinvite.spring.boot.autoconfigure;

import io.portalinvite.PortalInvite;
import io.portalinvite.common.PracticeId;
import io.portalinvite.spring.web.InvitationApiController;
import io.portalinvite.spring.web.InvitationPageController;
import io.portalinvite.spring.web.InvitationResponseHeadersFilter;
import io.portalinvite.spring.web.PortalPagesController;
import io.portalinvite.spring.web.PortalWebExceptionAdvice;
import java.net.URI;
import java.util.List;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.PathContainer;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The patient-facing pages in a Spring MVC application, on by default: the invitation page
 * ({@link InvitationPageController}), its JSON equivalents ({@link InvitationApiController}), a
 * minimal login and home page ({@link PortalPagesController}), the HTTP answers for the library's
 * exceptions ({@link PortalWebExceptionAdvice}) and a filter adding {@code Referrer-Policy:
 * no-referrer} and {@code Cache-Control: no-store} under the invitation paths. With
 * {@code portal.invite.web.enabled=false} the host serves its own pages, and start-up fails when
 * nothing serves the invitation page the practices' links point to.
 */
@AutoConfiguration(after = PortalInviteAutoConfiguration.class)
@ConditionalOnProperty(prefix = "portal.invite", name = "enabled", havingValue = "true", matchIfMissing = true)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBean(PortalInvite.class)
public class PortalInviteWebAutoConfiguration {

    /** Creates the configuration; instantiated by Spring. */
    public PortalInviteWebAutoConfiguration() {}

    /** The starter's pages, unless {@code portal.invite.web.enabled=false}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "portal.invite.web", name = "enabled", havingValue = "true", matchIfMissing = true)
    static class Pages {

        @Bean
        @ConditionalOnMissingBean
        InvitationPageController portalInvitationPageController(
                PortalInvite portal, PortalInviteProperties properties) {
            WebPaths paths = WebPaths.of(properties);
            return new InvitationPageController(portal, paths.path(), paths.loginUrl());
        }

        @Bean
        @ConditionalOnMissingBean
        InvitationApiController portalInvitationApiController(PortalInvite portal, PortalInviteProperties properties) {
            return new InvitationApiController(portal, WebPaths.of(properties).loginUrl());
        }

        @Bean
        @ConditionalOnMissingBean
        PortalPagesController portalPagesController(PortalInviteProperties properties) {
            WebPaths paths = WebPaths.of(properties);
            return new PortalPagesController(paths.loginUrl(), paths.basePath() + "/logout");
        }

        @Bean
        @ConditionalOnMissingBean
        PortalWebExceptionAdvice portalWebExceptionAdvice() {
            return new PortalWebExceptionAdvice();
        }

        /** Registered for all URLs; it skips other paths itself, and runs ahead of Spring Security. */
        @Bean
        @ConditionalOnMissingBean
        InvitationResponseHeadersFilter portalInvitationResponseHeadersFilter(PortalInviteProperties properties) {
            WebPaths paths = WebPaths.of(properties);
            return new InvitationResponseHeadersFilter(List.of(paths.path(), paths.apiPath()));
        }
    }

    /** With the host's own pages: something must serve the page the links point to. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "portal.invite.web", name = "enabled", havingValue = "false")
    static class HostPages {

        @Bean
        SmartInitializingSingleton portalInviteInvitationPageCheck(
                PortalInvite portal, PortalInviteProperties properties, ListableBeanFactory beans) {
            return () -> requireInvitationPage(portal, properties, beans);
        }
    }

    /**
     * Fails when practices' links point at the starter's invitation path while the starter's pages
     * are off and no handler of the application serves that path: every link would lead to an
     * error page (or, behind a login, to a redirect).
     */
    static void requireInvitationPage(
            PortalInvite portal, PortalInviteProperties properties, ListableBeanFactory beans) {
        URI link = portal.settings()
                .get(PracticeId.of("portal-invite-startup-check"))
                .links()
                .invitationLinkBase();
        String starterPath = properties.getWeb().getPath();
        String linkPath = link.getPath() == null ? "" : link.getPath();
        if (!linkPath.equals(starterPath) || served(beans, linkPath)) {
            return;
        }
        throw Problems.single(
                "portal.invite.web.enabled",
                false,
                "the practices' links (" + link + ") point at the starter's invitation page " + starterPath
                        + ", which is off, and nothing else in the application serves it. Remove "
                        + "portal.invite.web.enabled=false, or serve your own page at that path");
    }

    private static boolean served(ListableBeanFactory beans, String path) {
        PathContainer container = PathContainer.parsePath(path);
        for (RequestMappingHandlerMapping mapping :
                beans.getBeansOfType(RequestMappingHandlerMapping.class).values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                if (info.getPathPatternsCondition() != null
                        && info.getPathPatternsCondition().getPatterns().stream()
                                .anyMatch(pattern -> pattern.matches(container))) {
                    return true;
                }
            }
        }
        return false;
    }
}
