package io.portalinvite.examples.quarkus;

import io.portalinvite.PortalInvite;
import io.portalinvite.common.PracticeId;
import io.portalinvite.common.StaffId;
import io.portalinvite.settings.PortalSettings;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Prepares the example at start-up: its tables, the practice's portal settings, the dispatcher. */
@ApplicationScoped
public class Startup {

    void onStart(
            @Observes StartupEvent start,
            BookingService booking,
            PortalInvite portal,
            @ConfigProperty(name = "portal.invite.dispatcher.enabled", defaultValue = "true") boolean dispatcher) {
        booking.createTables();
        PracticeId practice = PracticeId.of("sunrise-clinic");
        portal.settings()
                .save(
                        PortalSettings.builder(practice)
                                .enabled(true)
                                .practiceName("Sunrise Family Clinic")
                                .invitationLinkBase("https://portal.sunrise.example/invitation")
                                .build(),
                        StaffId.of("admin-1"));
        if (dispatcher) {
            portal.dispatcher().start(Duration.ofSeconds(5)); // sends what committed transactions queued
        }
    }
}
