package io.portalinvite.spring.web;

import io.portalinvite.PortalInvite;
import io.portalinvite.account.PatientAccess;
import io.portalinvite.common.InvitationId;
import io.portalinvite.common.PracticeId;
import io.portalinvite.party.EmailAddress;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.spring.security.PortalUserDetails;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The portal's home page ({@code portal.invite.web.home-url}, {@code /portal/home}, template
 * {@code home}): who is signed in, the patients they may act for by name, and
 * sign-out. A host shows more (appointments, results) by overriding the fragment
 * {@code fragments/home-extra.html} and supplying its values with a {@link PortalHomeContent} bean;
 * a host with a patient home entirely of its own switches this one off
 * ({@code portal.invite.web.home-page=false}) and serves its page at the same path.
 */
@Controller
public class PortalHomePageController {

    private final PortalInvite portal;
    private final PortalPageRenderer pages;
    private final PracticeId practiceId;
    private final String loginUrl;
    private final @Nullable PortalHomeContent content;

    /**
     * Creates the controller.
     *
     * @param portal the portal
     * @param pages renders the template
     * @param practiceId the practice whose language and name the page uses
     * @param loginUrl where a request without a portal sign-in is sent
     * @param content the host's additions to the page, or null for none
     */
    public PortalHomePageController(
            PortalInvite portal,
            PortalPageRenderer pages,
            PracticeId practiceId,
            String loginUrl,
            @Nullable PortalHomeContent content) {
        this.portal = Objects.requireNonNull(portal, "portal");
        this.pages = Objects.requireNonNull(pages, "pages");
        this.practiceId = Objects.requireNonNull(practiceId, "practiceId");
        this.loginUrl = Objects.requireNonNull(loginUrl, "loginUrl");
        this.content = content;
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
        List<PortalHomePatient> listed = new ArrayList<>();
        for (PatientAccess access : user.patients()) {
            listed.add(new PortalHomePatient(access, name(access)));
        }
        // the account holder's own record first, then the people they act for by name
        listed.sort(Comparator.comparing((PortalHomePatient p) -> !p.self()).thenComparing(PortalHomePatient::name));
        Map<String, ?> extra = content == null ? Map.of() : content.model(user, List.copyOf(listed));
        return pages.page(
                        request,
                        practice.practice().locale(),
                        practice.practice().name())
                .with("maskedEmail", EmailAddress.of(user.getUsername()).masked())
                .with("patients", listed.size())
                .with("patientList", listed)
                .with("home", extra)
                .render(HttpStatus.OK, "home");
    }

    private String name(PatientAccess access) {
        InvitationId invitation = access.invitationId();
        if (invitation == null) {
            return "";
        }
        return portal.invitations()
                .find(access.practiceId(), invitation)
                .map(i -> i.patient().name().fullName())
                .orElse("");
    }
}
