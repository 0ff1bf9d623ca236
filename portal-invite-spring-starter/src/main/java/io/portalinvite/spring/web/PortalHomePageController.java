package io.portalinvite.spring.web;

import io.portalinvite.PortalInvite;
import io.portalinvite.common.PracticeId;
import io.portalinvite.party.EmailAddress;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.spring.security.PortalUserDetails;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The portal's minimal home page ({@code portal.invite.web.home-url}, {@code /portal/home}, template
 * {@code home}): who is signed in, how many patients they may act for, and sign-out. A host with a
 * patient home of its own switches it off ({@code portal.invite.web.home-page=false}) and serves its
 * page at the same path.
 */
@Controller
public class PortalHomePageController {

    private final PortalInvite portal;
    private final PortalPageRenderer pages;
    private final PracticeId practiceId;
    private final String loginUrl;

    /**
     * Creates the controller.
     *
     * @param portal the portal
     * @param pages renders the template
     * @param practiceId the practice whose language and name the page uses
     * @param loginUrl where a request without a portal sign-in is sent
     */
    public PortalHomePageController(
            PortalInvite portal, PortalPageRenderer pages, PracticeId practiceId, String loginUrl) {
        this.portal = Objects.requireNonNull(portal, "portal");
        this.pages = Objects.requireNonNull(pages, "pages");
        this.practiceId = Objects.requireNonNull(practiceId, "practiceId");
        this.loginUrl = Objects.requireNonNull(loginUrl, "loginUrl");
    }

    /**
     * Shows who is signed in, and the sign-out button.
     *
     * @param authentication the portal sign-in
     * @param request the request
     * @return the page
     */
    @GetMapping("${portal.invite.web.home-url:/portal/home}")
    public ResponseEntity<String> home(@Nullable Authentication authentication, HttpServletRequest request) {
        if (authentication == null || !(authentication.getPrincipal() instanceof PortalUserDetails user)) {
            // only reachable without the portal's security chain: there is no portal sign-in to show
            return InvitationPageController.seeOther(request, loginUrl);
        }
        PortalSettings practice = portal.settings().get(practiceId);
        return pages.page(
                        request,
                        practice.practice().locale(),
                        practice.practice().name())
                .with("maskedEmail", EmailAddress.of(user.getUsername()).masked())
                .with("patients", user.patients().size())
                .render(HttpStatus.OK, "home");
    }
}
