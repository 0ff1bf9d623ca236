package io.portalinvite.spring.boot.autoconfigure;

import io.portalinvite.spring.boot.autoconfigure.Problems.Source;
import java.util.List;

/**
 * The portal's paths from {@code portal.invite.web.*}, checked: each a path starting with a slash,
 * and, when the starter's security chain looks after them, each under the base path.
 *
 * @param basePath the portal's part of the site
 * @param path the invitation page
 * @param apiPath the JSON endpoints
 * @param loginUrl the login page
 * @param homeUrl where patients land after logging in
 */
record WebPaths(String basePath, String path, String apiPath, String loginUrl, String homeUrl) {

    static final String PREFIX = "portal.invite.web";

    /**
     * Reads and checks the paths.
     *
     * @param properties the settings
     * @return the paths
     * @throws PortalInviteConfigurationException naming each refused property and its value
     */
    static WebPaths of(PortalInviteProperties properties) {
        PortalInviteProperties.Web web = properties.getWeb();
        boolean chain = properties.getSecurity().isEnabled();
        Problems problems = new Problems();
        String base = web.getBasePath();
        if (!base.matches("/[A-Za-z0-9._~\\-/]*[A-Za-z0-9._~\\-]")) {
            problems.add(
                    Source.of(PREFIX + ".base-path", base),
                    "must be a path such as /portal: a slash, then letters, digits, '.', '_', '~', '-' or '/', "
                            + "not ending in a slash");
        }
        check(problems, "path", web.getPath(), base, chain);
        check(problems, "api-path", web.getApiPath(), base, chain);
        check(problems, "login-url", web.getLoginUrl(), base, chain);
        check(problems, "home-url", web.getHomeUrl(), base, chain);
        problems.throwIfAny();
        return new WebPaths(base, web.getPath(), web.getApiPath(), web.getLoginUrl(), web.getHomeUrl());
    }

    /**
     * Returns the paths anyone may open: the invitation page and its JSON endpoints, the
     * forgot-password and set-a-new-password pages, and the style sheet.
     *
     * @return the paths
     */
    List<String> publicPaths() {
        return List.of(
                path, apiPath, basePath + "/forgot-password", basePath + "/password-reset", basePath + "/assets");
    }

    private static void check(Problems problems, String name, String value, String base, boolean chain) {
        Source source = Source.of(PREFIX + "." + name, value);
        if (!value.startsWith("/") || value.contains("*") || value.contains("?") || value.contains("#")) {
            problems.add(source, "must be a path starting with / (no wildcards, query or fragment)");
        } else if (chain && !value.equals(base) && !value.startsWith(base + "/")) {
            problems.add(
                    source,
                    "must lie under " + PREFIX + ".base-path (" + base + "), the paths the starter's security "
                            + "chain looks after; or set portal.invite.security.enabled=false and secure it yourself");
        }
    }
}
