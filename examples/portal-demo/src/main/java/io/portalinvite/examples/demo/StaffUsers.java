package io.portalinvite.examples.demo;

import io.portalinvite.common.StaffId;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The demo's two staff sign-ins. Their passwords are printed on the start page because this is a
 * demo; a practice system signs its staff in with its own directory. The user name is the staff id
 * the library records, and {@link #displayName} turns it back into a name for the history.
 */
public final class StaffUsers {

    /** Front-desk staff: patients and appointments, not Portal Settings. */
    public static final String RECEPTION_ROLE = "RECEPTION";
    /** Practice administrators: everything, Portal Settings included. */
    public static final String ADMIN_ROLE = "PRACTICE_ADMIN";

    /** The staff users: user name, password, role and the name shown in history. */
    public static final List<StaffUser> USERS = List.of(
            new StaffUser("reception", "reception-demo-2026", RECEPTION_ROLE, "Rosa Martin (reception)"),
            new StaffUser("admin", "admin-demo-2026", ADMIN_ROLE, "Dr Amelia Chen (practice admin)"));

    private StaffUsers() {}

    /**
     * One staff sign-in.
     *
     * @param username the user name, also the staff id the library records
     * @param password the demo password
     * @param role the role without the {@code ROLE_} prefix
     * @param displayName the name staff see in history
     */
    public record StaffUser(String username, String password, String role, String displayName) {}

    /**
     * Builds the user store the staff sign-in checks against (passwords hashed at start-up).
     *
     * @return the store
     */
    static UserDetailsService userDetails() {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        return new InMemoryUserDetailsManager(USERS.stream()
                .map(u -> User.withUsername(u.username())
                        .password(encoder.encode(u.password()))
                        .roles(u.role())
                        .build())
                .toList());
    }

    /**
     * Turns an audit actor ({@code staff:reception}, {@code system}, {@code invitee}) into words.
     *
     * @param actor the actor as recorded
     * @return e.g. "Rosa Martin (reception)"
     */
    public static String displayName(String actor) {
        if (actor.startsWith("staff:")) {
            String id = actor.substring("staff:".length());
            return find(StaffId.of(id)).map(StaffUser::displayName).orElse("staff member " + id);
        }
        return switch (actor) {
            case "system" -> "the practice system";
            case "invitee" -> "the invitee";
            default -> actor.startsWith("account:") ? "the account holder" : actor;
        };
    }

    /**
     * Finds the staff user behind a staff id.
     *
     * @param staff the id
     * @return the user, if it is one of the demo's
     */
    public static Optional<StaffUser> find(StaffId staff) {
        return USERS.stream().filter(u -> u.username().equals(staff.value())).findFirst();
    }
}
