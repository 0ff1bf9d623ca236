package io.portalinvite.examples.demo.portal;

import io.portalinvite.account.LoginService.LoginResult;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /portal/login}: the Patient Portal's login form, in the demo's layout. The starter's
 * security chain handles the POST; it comes back with {@code ?error} for every refusal alike and
 * with {@code ?busy} when too many logins run at once.
 */
@Controller
public class PortalLoginController {

    /** Creates the controller; instantiated by Spring. */
    public PortalLoginController() {}

    /**
     * Shows the login form.
     *
     * @param error present after a failed login
     * @param busy present after a login refused because too many were running
     * @param logout present after logging out
     * @param email the email to fill in, e.g. from the registration page
     * @param authentication the current login, if any
     * @param model the view model
     * @return the view, or a redirect home when already logged in
     */
    @GetMapping("/portal/login")
    public String login(
            @RequestParam(name = "error", required = false) @Nullable String error,
            @RequestParam(name = "busy", required = false) @Nullable String busy,
            @RequestParam(name = "logout", required = false) @Nullable String logout,
            @RequestParam(name = "email", required = false) @Nullable String email,
            @Nullable Authentication authentication,
            Model model) {
        if (authentication instanceof UsernamePasswordAuthenticationToken && error == null && logout == null) {
            return "redirect:/portal/home";
        }
        model.addAttribute("area", "portal");
        model.addAttribute("email", email == null ? "" : email);
        if (busy != null) {
            model.addAttribute("error", "Login is temporarily unavailable; try again shortly.");
        } else if (error != null) {
            // one message for an unknown email and a wrong password alike
            model.addAttribute("error", LoginResult.FAILURE_MESSAGE);
        }
        model.addAttribute("loggedOut", logout != null);
        return "portal/login";
    }
}
