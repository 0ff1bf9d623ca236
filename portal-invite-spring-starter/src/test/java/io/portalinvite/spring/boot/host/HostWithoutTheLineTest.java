package io.portalinvite.spring.boot.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
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
 * Why the README's line exists: a host rule of plain {@code authenticated()} lets in any
 * authentication that reaches the host's own context, a portal user's included. (The starter never
 * puts one there; this shows what the line guards against.)
 */
@SpringBootTest(classes = StaffHost.class)
class HostWithoutTheLineTest {

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
    void portalUserInTheHostsContextWithoutTheLineThenAPlainAuthenticatedRuleLetsThemIn() throws Exception {
        Authentication portalUser = StaffHost.portalUser(portal, email, "PT-NOLINE-1");
        MockMvc mvc = MockMvcBuilders.webAppContextSetup(context)
                .apply(springSecurity())
                .build();

        assertThat(mvc.perform(get("/staff/patients").with(authentication(portalUser)))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(200);
    }
}
