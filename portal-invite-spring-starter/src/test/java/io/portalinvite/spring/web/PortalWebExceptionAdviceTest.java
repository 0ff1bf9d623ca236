package io.portalinvite.spring.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.portalinvite.common.PracticeId;
import io.portalinvite.common.ValidationException;
import io.portalinvite.settings.PracticeIdentity;
import io.portalinvite.settings.SettingsService.PortalDisabledException;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The library's exceptions escaping a controller of the starter's web package become the HTTP
 * answers they mean, not a 500: a practice whose portal is off 403, refused input 422 with every
 * field; JSON for the JSON endpoints, a page for the pages.
 */
class PortalWebExceptionAdviceTest {

    private static final PortalPageRenderer PAGES = new PortalPageRenderer(
            List.of(Locale.forLanguageTag("es")),
            PortalTheme.defaults(),
            Map.of("css", "/portal/assets/portal.css", "login", "/portal/login"),
            PortalWebExceptionAdviceTest.class.getClassLoader());

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Json(), new Page())
            .setControllerAdvice(new PortalWebExceptionAdvice(
                    PAGES,
                    () -> new PracticeIdentity(
                            "Sunrise Family Clinic",
                            null,
                            null,
                            null,
                            Locale.forLanguageTag("en-AU"),
                            ZoneId.of("Australia/Sydney"),
                            "AU")))
            .build();

    @Test
    void portalDisabledOnAJsonEndpointThen403WithItsCode() throws Exception {
        MockHttpServletResponse response =
                mvc.perform(get("/t/json/disabled")).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getContentAsString())
                .contains("\"error\":\"portal_disabled\"")
                .doesNotContain("practice-9");
    }

    @Test
    void portalDisabledOnAPageThen403Page() throws Exception {
        MockHttpServletResponse response =
                mvc.perform(get("/t/page/disabled")).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getContentType()).startsWith("text/html");
        assertThat(response.getContentAsString())
                .contains("Patient Portal not available", "Sunrise Family Clinic", "lang=\"en-AU\"");
    }

    @Test
    void portalDisabledOnAPageAskedInSpanishThen403PageInSpanish() throws Exception {
        MockHttpServletResponse response = mvc.perform(get("/t/page/disabled").header("Accept-Language", "es-MX,es"))
                .andReturn()
                .getResponse();
        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getContentAsString())
                .contains("Portal del Paciente no disponible", "lang=\"es\"")
                .doesNotContain("Patient Portal not available");
    }

    @Test
    void portalDisabledOnAPageWithoutTemplatesThenPlainText() throws Exception {
        MockMvc plain = MockMvcBuilders.standaloneSetup(new Page())
                .setControllerAdvice(new PortalWebExceptionAdvice())
                .build();
        MockHttpServletResponse response =
                plain.perform(get("/t/page/disabled")).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getContentType()).startsWith("text/plain");
        assertThat(response.getContentAsString()).contains("Patient Portal is not available");
    }

    @Test
    void validationFailureOnAJsonEndpointThen422NamingEveryField() throws Exception {
        MockHttpServletResponse response =
                mvc.perform(get("/t/json/invalid")).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(422);
        assertThat(response.getContentAsString())
                .contains("\"error\":\"validation_failed\"", "\"field\":\"dateOfBirth\"", "\"rule\":\"date.syntax\"");
    }

    /** A JSON endpoint of the starter's web package. */
    @RestController
    static class Json {
        @GetMapping("/t/json/disabled")
        String disabled() {
            throw new PortalDisabledException(PracticeId.of("practice-9"));
        }

        @GetMapping("/t/json/invalid")
        String invalid() {
            throw new ValidationException("dateOfBirth", "date.syntax", "Enter a date such as 1990-05-17.");
        }
    }

    /** A page of the starter's web package. */
    @Controller
    static class Page {
        @GetMapping("/t/page/disabled")
        ResponseEntity<String> disabled() {
            throw new PortalDisabledException(PracticeId.of("practice-9"));
        }
    }
}
