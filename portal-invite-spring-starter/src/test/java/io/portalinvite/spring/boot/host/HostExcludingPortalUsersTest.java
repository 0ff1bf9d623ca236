package io.portalinvite.spring.boot.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.portalinvite.PortalInvite;
import io.portalinvite.testing.CapturingEmailSender;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.core.Authentication;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * The README's one line in the host's chain ({@code PortalAuthorization.authenticatedExceptPortalUsers()}):
 * should a portal sign-in ever reach the host's own security context (a host that authenticates
 * portal users itself, say), it gets 403 on every host page, while staff keep their access and
 * anonymous visitors are still sent to the login.
 */
@SpringBootTest(classes = StaffHost.class, properties = "host.exclude-portal-users=true")
class HostExcludingPortalUsersTest {

    @Autowired
    WebApplicationContext context;

    @Autowired
    PortalInvite portal;

    @Autowired
    CapturingEmailSender email;

    @org.springframework.test.context.DynamicPropertySource
    static void properties(org.springframework.test.context.DynamicPropertyRegistry registry) {
        StaffHost.register(registry);
    }

    @Test
    void portalUserInTheHostsContextWhenTheLineIsAddedThenForbiddenOnEveryHostPage() throws Exception {
        Authentication portalUser = StaffHost.portalUser(portal, email, "PT-LINE-1");
        MockMvc mvc = MockMvcBuilders.webAppContextSetup(context)
                .apply(springSecurity())
                .build();

        for (String hostPage : new String[] {"/staff/patients", "/", "/actuator/metrics"}) {
            assertThat(mvc.perform(get(hostPage).with(authentication(portalUser)))
                            .andReturn()
                            .getResponse()
                            .getStatus())
                    .as(hostPage)
                    .isEqualTo(403);
        }
        assertThat(mvc.perform(get("/staff/patients")
                                .with(user(StaffHost.STAFF_USER).roles("STAFF")))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(200);
        assertThat(mvc.perform(get("/staff/patients")).andReturn().getResponse().getRedirectedUrl())
                .isEqualTo("/login");
    }
}
