package io.portalinvite.examples.demo;

import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo's own settings, under {@code demo}.
 *
 * @param practiceId the one practice this demo runs
 * @param practiceName its display name until staff save Portal Settings
 * @param staffId who the start-up seeding and background work act as; the staff screens act as the
 *     signed-in staff user
 * @param publicUrl the address invitation links point to; by default {@code http://localhost:<port>}
 * @param smtpPort the in-process SMTP server's port; 0 picks a free one
 */
@ConfigurationProperties("demo")
public record DemoProperties(
        @DefaultValue("sunrise-clinic") String practiceId,
        @DefaultValue("Sunrise Family Clinic") String practiceName,
        @DefaultValue("admin") String staffId,
        @Nullable URI publicUrl,
        @DefaultValue("0") int smtpPort) {}
