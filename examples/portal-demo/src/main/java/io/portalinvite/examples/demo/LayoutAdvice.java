package io.portalinvite.examples.demo;

import io.portalinvite.spring.security.PortalUserDetails;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Values every page's layout shows: the practice's name and who is logged in to the portal. */
@ControllerAdvice
public class LayoutAdvice {

    private final Practice practice;

    /**
     * Creates the advice.
     *
     * @param practice the practice
     */
    public LayoutAdvice(Practice practice) {
        this.practice = practice;
    }

    /**
     * The practice's display name.
     *
     * @return the name
     */
    @ModelAttribute("practiceName")
    public String practiceName() {
        return practice.settings().practice().name();
    }

    /**
     * The logged-in portal user's email, for the portal's header.
     *
     * @return the email, or null when nobody is logged in
     */
    @ModelAttribute("portalUser")
    public @Nullable String portalUser() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof PortalUserDetails user ? user.getUsername() : null;
    }

    /**
     * The signed-in staff member's name, for the staff header.
     *
     * @return the name, or null when no staff member is signed in
     */
    @ModelAttribute("staffUser")
    public @Nullable String staffUser() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated()) {
            return null;
        }
        return StaffUsers.find(io.portalinvite.common.StaffId.of(auth.getName()))
                .filter(u -> auth.getAuthorities().stream()
                        .anyMatch(a -> a.getAuthority().equals("ROLE_" + u.role())))
                .map(StaffUsers.StaffUser::displayName)
                .orElse(null);
    }
}
