package io.portalinvite.spring.boot.host;

import io.portalinvite.PortalInvite;
import io.portalinvite.common.PracticeId;
import io.portalinvite.common.StaffId;
import io.portalinvite.invitation.InviteRequest;
import io.portalinvite.invitation.RegistrationService.CompleteRegistration;
import io.portalinvite.password.PasswordHasher;
import io.portalinvite.spring.security.PortalAuthorization;
import io.portalinvite.testing.CapturingEmailSender;
import io.portalinvite.testing.MutableClock;
import io.portalinvite.testing.PortalFixture;
import java.time.Clock;
import java.time.LocalDate;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.JdbcUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A practice-management host as a Spring Boot developer writes one: staff sign in with Spring
 * Security's form login at {@code /login} against a {@link JdbcUserDetailsManager}, and every page
 * of the host needs a sign-in ({@code authenticated()}), or, with {@code host.exclude-portal-users=true},
 * the README's one line that refuses portal users. The starter is added with its properties only.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class StaffHost {

    /** The staff member's user name. */
    public static final String STAFF_USER = "reception";

    /** The staff member's password. */
    public static final String STAFF_PASSWORD = "front desk passphrase 2026";

    /** Properties every test of the host starts with. */
    public static final String[] PROPERTIES = {
        "portal.invite.token-key=AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=",
        "portal.invite.practice-defaults.link-base-url=https://practice.example/portal/invitation",
        "portal.invite.dispatcher.enabled=false",
        "portal.invite.maintenance.enabled=false",
        "spring.datasource.generate-unique-name=true"
    };

    /**
     * Adds {@link #PROPERTIES} to a test's environment.
     *
     * @param registry the test's dynamic properties
     */
    public static void register(org.springframework.test.context.DynamicPropertyRegistry registry) {
        for (String property : PROPERTIES) {
            int eq = property.indexOf('=');
            registry.add(property.substring(0, eq), () -> property.substring(eq + 1));
        }
    }

    /**
     * Registers a patient and authenticates them as the portal's chain does, for tests that put a
     * portal sign-in where the host's chain sees it.
     *
     * @param portal the portal
     * @param email the sent messages
     * @param patientId the patient
     * @return the portal user's authentication
     */
    public static org.springframework.security.core.Authentication portalUser(
            PortalInvite portal, CapturingEmailSender email, String patientId) {
        String password = "silver kettle morning drum";
        String patient = registeredPatient(portal, email, patientId, password);
        return new io.portalinvite.spring.security.PortalInviteAuthenticationProvider(portal.login())
                .authenticate(
                        org.springframework.security.authentication.UsernamePasswordAuthenticationToken.unauthenticated(
                                patient, password));
    }

    /** The host's staff pages (registered as a member class of this configuration). */
    @RestController
    static class StaffPages {
        @GetMapping("/staff/patients")
        String patients() {
            return "every patient's date of birth, email and mobile";
        }

        @GetMapping("/")
        String home() {
            return "staff home";
        }
    }

    @Bean
    SecurityFilterChain staffSecurity(HttpSecurity http, @Value("${host.exclude-portal-users:false}") boolean line) {
        http.authorizeHttpRequests(requests -> {
                    if (line) {
                        requests.anyRequest().access(PortalAuthorization.authenticatedExceptPortalUsers());
                    } else {
                        requests.anyRequest().authenticated();
                    }
                })
                .formLogin(form -> form.permitAll())
                .logout(Customizer.withDefaults());
        return http.build();
    }

    @Bean
    JdbcUserDetailsManager staffUsers(DataSource dataSource) {
        new ResourceDatabasePopulator(new ClassPathResource(JdbcUserDetailsManager.DEFAULT_USER_SCHEMA_DDL_LOCATION))
                .execute(dataSource);
        JdbcUserDetailsManager users = new JdbcUserDetailsManager(dataSource);
        users.createUser(User.withUsername(STAFF_USER)
                .password("{noop}" + STAFF_PASSWORD)
                .roles("STAFF")
                .build());
        return users;
    }

    @Bean
    CapturingEmailSender capturingEmail() {
        return new CapturingEmailSender();
    }

    @Bean
    PasswordHasher fastHasher() {
        return PortalFixture.fastHasher();
    }

    @Bean
    MutableClock clock() {
        return new MutableClock(Clock.systemUTC().instant());
    }

    /**
     * Invites a patient and registers them with a password, as the emailed link would.
     *
     * @param portal the portal
     * @param email the sent messages
     * @param patientId the patient
     * @param password the password to set
     * @return the patient's login email
     */
    public static String registeredPatient(
            PortalInvite portal, CapturingEmailSender email, String patientId, String password) {
        PracticeId practice = PracticeId.of("sunrise");
        if (!portal.settings().get(practice).enabled()) {
            portal.settings().enable(practice, StaffId.of("admin"));
        }
        String address = patientId.toLowerCase(java.util.Locale.ROOT) + "@example.org";
        LocalDate dob = LocalDate.of(1990, 5, 17);
        portal.invitations()
                .invite(InviteRequest.newPatient("sunrise", "reception")
                        .patientId(patientId)
                        .name("Ada", "Lovelace")
                        .dateOfBirth(dob)
                        .email(address)
                        .build());
        portal.dispatcher().drain();
        portal.registration().complete(new CompleteRegistration(email.lastToken(), password, password, dob));
        return address;
    }
}
