package io.portalinvite.spring.boot.autoconfigure;

import io.portalinvite.PortalInvite;
import io.portalinvite.common.PracticeId;
import io.portalinvite.spring.web.InvitationApiController;
import io.portalinvite.spring.web.InvitationPageController;
import io.portalinvite.spring.web.PortalHomeContent;
import io.portalinvite.spring.web.PortalHomePageController;
import io.portalinvite.spring.web.PortalPageRenderer;
import io.portalinvite.spring.web.PortalPagesController;
import io.portalinvite.spring.web.PortalRequestFilter;
import io.portalinvite.spring.web.PortalResponseHeadersFilter;
import io.portalinvite.spring.web.PortalTheme;
import io.portalinvite.spring.web.PortalWebExceptionAdvice;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.server.PathContainer;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The patient-facing pages in a Spring MVC application, on by default: when Thymeleaf is on the
 * class path, the invitation page ({@link InvitationPageController}) and the sign-in, home,
 * forgot-password and set-a-new-password pages ({@link PortalPagesController}), rendered by the
 * starter's own engine ({@link PortalPageRenderer}) from overridable templates and message bundles
 * in the patient's language; always the JSON endpoints ({@link InvitationApiController}); the HTTP
 * answers for the library's
 * exceptions ({@link PortalWebExceptionAdvice}), a filter adding the security headers to every
 * response under the portal's paths ({@link PortalResponseHeadersFilter}) and one refusing requests
 * there whose path, query or form does not decode cleanly ({@link PortalRequestFilter}). With
 * {@code portal.invite.web.enabled=false} the host serves its own pages (the two filters stay), and
 * start-up fails when nothing serves the invitation page the practices' links point to.
 */
@AutoConfiguration(after = PortalInviteAutoConfiguration.class)
@ConditionalOnProperty(prefix = "portal.invite", name = "enabled", havingValue = "true", matchIfMissing = true)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBean(PortalInvite.class)
public class PortalInviteWebAutoConfiguration {

    /** Creates the configuration; instantiated by Spring. */
    public PortalInviteWebAutoConfiguration() {}

    /** The JSON endpoints, unless {@code portal.invite.web.enabled=false}; they need no template engine. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "portal.invite.web", name = "enabled", havingValue = "true", matchIfMissing = true)
    static class Api {

        @Bean
        @ConditionalOnMissingBean
        InvitationApiController portalInvitationApiController(PortalInvite portal, PortalInviteProperties properties) {
            return new InvitationApiController(portal, WebPaths.of(properties).loginUrl());
        }
    }

    /** The starter's pages, when Thymeleaf is on the class path, unless {@code portal.invite.web.enabled=false}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "portal.invite.web", name = "enabled", havingValue = "true", matchIfMissing = true)
    @ConditionalOnClass(name = "org.thymeleaf.spring6.SpringTemplateEngine")
    static class Pages {

        @Bean
        @ConditionalOnMissingBean
        PortalTheme portalInviteTheme(PortalInviteProperties properties) {
            PortalInviteProperties.Theme theme = properties.getWeb().getTheme();
            try {
                return new PortalTheme(
                        theme.getPracticeName(),
                        theme.getLogoUrl(),
                        theme.getPrimaryColour(),
                        theme.getContactPhone(),
                        theme.getContactAddress());
            } catch (IllegalArgumentException e) {
                throw Problems.single(
                        "portal.invite.web.theme.primary-colour",
                        theme.getPrimaryColour(),
                        "must be a colour such as #1d5c96 (#rgb or #rrggbb)");
            }
        }

        @Bean
        @ConditionalOnMissingBean
        PortalPageRenderer portalInvitePageRenderer(
                PortalInviteProperties properties, PortalTheme theme, ResourceLoader resources) {
            WebPaths paths = WebPaths.of(properties);
            List<Locale> languages = properties.getWeb().getLanguages().stream()
                    .map(tag -> Locale.forLanguageTag(tag.strip()))
                    .toList();
            Map<String, String> urls = Map.of(
                    "css", paths.basePath() + PortalPagesController.STYLE_SHEET,
                    "login", paths.loginUrl(),
                    "forgot", paths.basePath() + "/forgot-password",
                    "home", paths.homeUrl(),
                    "logout", paths.basePath() + "/logout");
            ClassLoader loader = resources.getClassLoader();
            return new PortalPageRenderer(
                    languages, theme, urls, loader != null ? loader : PortalPageRenderer.class.getClassLoader());
        }

        @Bean
        @ConditionalOnMissingBean
        InvitationPageController portalInvitationPageController(
                PortalInvite portal, PortalPageRenderer pages, PortalInviteProperties properties) {
            WebPaths paths = WebPaths.of(properties);
            return new InvitationPageController(
                    portal, pages, PracticeId.of(properties.getWeb().getPracticeId()), paths.path());
        }

        @Bean
        @ConditionalOnMissingBean
        PortalPagesController portalPagesController(
                PortalInvite portal, PortalPageRenderer pages, PortalTheme theme, PortalInviteProperties properties) {
            WebPaths paths = WebPaths.of(properties);
            return new PortalPagesController(
                    portal,
                    pages,
                    PracticeId.of(properties.getWeb().getPracticeId()),
                    paths.basePath(),
                    paths.loginUrl(),
                    theme);
        }

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnProperty(
                prefix = "portal.invite.web",
                name = "home-page",
                havingValue = "true",
                matchIfMissing = true)
        PortalHomePageController portalHomePageController(
                PortalInvite portal,
                PortalPageRenderer pages,
                PortalInviteProperties properties,
                ObjectProvider<PortalHomeContent> content) {
            return new PortalHomePageController(
                    portal,
                    pages,
                    PracticeId.of(properties.getWeb().getPracticeId()),
                    WebPaths.of(properties).loginUrl(),
                    content.getIfAvailable());
        }

        @Bean
        @ConditionalOnMissingBean
        PortalWebExceptionAdvice portalWebExceptionAdvice(
                PortalInvite portal, PortalPageRenderer pages, PortalInviteProperties properties) {
            PracticeId practice = PracticeId.of(properties.getWeb().getPracticeId());
            return new PortalWebExceptionAdvice(
                    pages, () -> portal.settings().get(practice).practice());
        }
    }

    /** Without Thymeleaf the JSON endpoints still answer in JSON, and other answers in plain text. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "portal.invite.web", name = "enabled", havingValue = "true", matchIfMissing = true)
    @ConditionalOnMissingClass("org.thymeleaf.spring6.SpringTemplateEngine")
    static class NoPages {

        @Bean
        @ConditionalOnMissingBean
        PortalWebExceptionAdvice portalWebExceptionAdvice() {
            return new PortalWebExceptionAdvice();
        }

        @Bean
        SmartInitializingSingleton portalInviteInvitationPageCheck(
                PortalInvite portal, PortalInviteProperties properties, ListableBeanFactory beans) {
            return () -> requireInvitationPage(portal, properties, beans);
        }
    }

    /**
     * The portal paths' own filters, whoever renders the pages (the starter, or the host with
     * {@code portal.invite.web.enabled=false}): the security headers and the refusal of requests that
     * do not decode cleanly. A host whose own pages there need more than the default policy widens
     * {@code portal.invite.web.content-security-policy}.
     */
    @Configuration(proxyBeanMethods = false)
    static class PortalPathFilters {

        /** Registered for all URLs; it skips other paths itself, and runs ahead of Spring Security. */
        @Bean
        @ConditionalOnMissingBean
        PortalResponseHeadersFilter portalResponseHeadersFilter(PortalInviteProperties properties) {
            return new PortalResponseHeadersFilter(
                    portalPaths(WebPaths.of(properties)), properties.getWeb().getContentSecurityPolicy());
        }

        /** Registered for all URLs; it skips other paths itself, and runs before any parameter is parsed. */
        @Bean
        @ConditionalOnMissingBean
        PortalRequestFilter portalRequestFilter(PortalInviteProperties properties) {
            return new PortalRequestFilter(portalPaths(WebPaths.of(properties)));
        }

        /** The base path, and the invitation paths, which may lie outside it when the starter's chain is off. */
        private static List<String> portalPaths(WebPaths paths) {
            return List.of(paths.basePath(), paths.path(), paths.apiPath(), paths.loginUrl(), paths.homeUrl());
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
                        + ", which is off (or has no Thymeleaf to render it), and nothing else in the application "
                        + "serves it. Remove portal.invite.web.enabled=false and add Thymeleaf "
                        + "(spring-boot-starter-thymeleaf), or serve your own page at that path");
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
