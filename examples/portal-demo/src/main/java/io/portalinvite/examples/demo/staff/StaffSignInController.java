package io.portalinvite.examples.demo.staff;

import io.portalinvite.examples.demo.StaffUsers;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** {@code /staff/login}: the staff sign-in form (Spring Security checks the POST), and the "not allowed" page. */
@Controller
public class StaffSignInController {

    /** Creates the controller. */
    public StaffSignInController() {}

    /**
     * Shows the staff sign-in form.
     *
     * @param error present after a failed sign-in
     * @param signedOut present after signing out
     * @param model the view model
     * @return the view
     */
    @GetMapping("/staff/login")
    public String signIn(
            @RequestParam(name = "error", required = false) @Nullable String error,
            @RequestParam(name = "signedOut", required = false) @Nullable String signedOut,
            Model model) {
        model.addAttribute("area", "staff-login");
        model.addAttribute("section", "");
        model.addAttribute("failed", error != null);
        model.addAttribute("signedOut", signedOut != null);
        model.addAttribute("users", StaffUsers.USERS);
        return "staff/login";
    }

    /**
     * Tells a signed-in staff member that the page needs another role (Portal Settings for a
     * receptionist).
     *
     * @param model the view model
     * @param response to answer 403
     * @return the view
     */
    @GetMapping("/staff/denied")
    public String denied(Model model, HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        model.addAttribute("area", "staff");
        model.addAttribute("section", "");
        return "staff/denied";
    }
}
