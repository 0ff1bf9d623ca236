package io.portalinvite.examples.demo;

import io.portalinvite.PortalInvite;
import io.portalinvite.common.PracticeId;
import io.portalinvite.common.StaffId;
import io.portalinvite.settings.PortalSettings;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The practice this demo runs and the staff member its screens act as: the signed-in staff user, or
 * the configured staff id for work outside a staff request (seeding at start-up).
 */
@Component
public class Practice {

    private final PracticeId id;
    private final StaffId staff;
    private final PortalInvite portal;

    /**
     * Creates the holder.
     *
     * @param properties the demo settings
     * @param portal the portal, for the practice's settings
     */
    public Practice(DemoProperties properties, PortalInvite portal) {
        this.id = PracticeId.of(properties.practiceId());
        this.staff = StaffId.of(properties.staffId());
        this.portal = portal;
    }

    /**
     * Returns the practice id.
     *
     * @return the id
     */
    public PracticeId id() {
        return id;
    }

    /**
     * Returns the staff member the staff screens act as.
     *
     * @return the staff id
     */
    public StaffId staff() {
        Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
        boolean staffUser = signedIn != null
                && signedIn.isAuthenticated()
                && signedIn.getAuthorities().stream()
                        .anyMatch(a -> a.getAuthority().equals("ROLE_" + StaffUsers.RECEPTION_ROLE)
                                || a.getAuthority().equals("ROLE_" + StaffUsers.ADMIN_ROLE));
        return staffUser ? StaffId.of(signedIn.getName()) : staff;
    }

    /**
     * Returns the practice's Patient Portal settings in force.
     *
     * @return the settings
     */
    public PortalSettings settings() {
        return portal.settings().get(id);
    }

    /**
     * Returns the practice's time zone.
     *
     * @return the zone
     */
    public ZoneId zone() {
        return settings().practice().timeZone();
    }

    /**
     * Returns today in the practice's time zone.
     *
     * @return the date
     */
    public LocalDate today() {
        return ZonedDateTime.now(zone()).toLocalDate();
    }
}
