package io.portalinvite.examples.demo;

import java.net.URI;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Where the demo is reachable: {@code demo.public-url}, or {@code http://localhost:<port>} once the
 * web server has its port (a random port in tests). Invitation links are built from it.
 */
@Component
public class DemoUrls implements ApplicationListener<WebServerInitializedEvent> {

    private final DemoProperties properties;
    private volatile String base = "http://localhost:8080";

    /**
     * Creates the holder.
     *
     * @param properties the demo settings
     */
    public DemoUrls(DemoProperties properties) {
        this.properties = properties;
        URI configured = properties.publicUrl();
        if (configured != null) {
            base = stripSlash(configured.toString());
        }
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (properties.publicUrl() == null) {
            base = "http://localhost:" + event.getWebServer().getPort();
        }
    }

    /**
     * Returns the base URL without a trailing slash.
     *
     * @return e.g. {@code http://localhost:8080}
     */
    public String base() {
        return base;
    }

    /**
     * Returns the invitation page's address, the base of every invitation link.
     *
     * @return e.g. {@code http://localhost:8080/portal/invitation}
     */
    public String invitationPage() {
        return base + "/portal/invitation";
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
