package io.portalinvite.examples.demo.portal;

import io.portalinvite.account.LoginService.LoginResult;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /portal/login}: the Patient Portal's login form. Spring Security handles the POST through the
 * starter's authentication provider; every failure shows the same message.
 */
@Controller
public class PortalLoginController {

    /** Creates the controller; instantiated by Spring. */
    public PortalLoginController() {}

    /**
     * Shows the login form.
     *
     * @param error present after a failed login
     * @param logout present after logging out
     * @param email the email to fill in, e.g. from the registration page
     * @param session for Spring Security's last failure
     * @param authentication the current login, if any
     * @param model the view model
     * @return the view, or a redirect home when already logged in
     */
    @GetMapping("/portal/login")
    public String login(
            @RequestParam(name = "error", required = false) @Nullable String error,
            @RequestParam(name = "logout", required = false) @Nullable String logout,
            @RequestParam(name = "email", required = false) @Nullable String email,
            @Nullable HttpSession session,
            @Nullable Authentication authentication,
            Model model) {
        if (authentication != null && authentication.isAuthenticated() && error == null && logout == null) {
            return "redirect:/portal/home";
        }
        model.addAttribute("area", "portal");
        model.addAttribute("email", email == null ? "" : email);
        if (error != null) {
            Object last = session == null ? null : session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
            // one message for an unknown email and a wrong password alike; only "busy" differs
            model.addAttribute(
                    "error",
                    last instanceof AuthenticationServiceException busy
                            ? busy.getMessage()
                            : LoginResult.FAILURE_MESSAGE);
        }
        model.addAttribute("loggedOut", logout != null);
        return "portal/login";
    }
}
