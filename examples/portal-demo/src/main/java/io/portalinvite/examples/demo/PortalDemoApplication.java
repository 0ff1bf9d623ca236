package io.portalinvite.examples.demo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * A small practice-management application built on the portal-invite Spring Boot starter: staff
 * screens (settings, booking, patients), patient screens (invitation link, login, portal home) and
 * a development mailbox showing what was sent. Run it with the README's "Try the demo" command.
 */
@SpringBootApplication
@EnableConfigurationProperties(DemoProperties.class)
public class PortalDemoApplication {

    /**
     * Starts the demo on http://localhost:8080 (or {@code server.port}).
     *
     * @param args Spring Boot arguments, e.g. {@code --server.port=8081}
     */
    public static void main(String[] args) {
        SpringApplication.run(PortalDemoApplication.class, args);
    }
}
