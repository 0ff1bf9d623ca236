package io.portalinvite.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * The README's examples of restyling the pages work as written: its overriding template, placed
 * where a host's own resources come first on the class path, replaces the starter's; its French
 * bundle adds a language, with the keys it leaves out falling back to English.
 */
class PortalPagesOverrideTest {

    private static final String README = readme();

    @TempDir
    Path host;

    @Test
    void hostTemplateOfTheSameNameWhenOnTheClassPathFirstThenItReplacesTheStartersPage() throws IOException {
        PortalPageRenderer pages = renderer();

        String page = pages.page(request("/portal/invitation"), Locale.forLanguageTag("en-AU"), "Sunrise Family Clinic")
                .render(HttpStatus.NOT_FOUND, "link-not-valid")
                .getBody();

        assertThat(page)
                .contains("Call reception on 02 9999 0000 and we will send you a new one.", "This link cannot be used")
                .doesNotContain("Please ask your practice for a new one.");
        String other = pages.page(request("/portal/login"), Locale.forLanguageTag("en-AU"), "Sunrise Family Clinic")
                .render(HttpStatus.OK, "sign-in")
                .getBody();
        assertThat(other).as("the other pages stay the starter's").contains("Sign in to the Patient Portal");
    }

    @Test
    void homeExtraFragmentWhenTheHostPlacesItsOwnThenTheHomePageShowsTheHostsValues() throws IOException {
        PortalPageRenderer pages = renderer();
        String starters = pages.page(request("/portal/home"), Locale.forLanguageTag("en-AU"), "Sunrise Family Clinic")
                .with("maskedEmail", "a***@example.org")
                .with("patients", 0)
                .with("patientList", List.of())
                .with("home", Map.of())
                .render(HttpStatus.OK, "home")
                .getBody();
        Path fragment = host.resolve("templates/portal-invite/fragments/home-extra.html");
        Files.createDirectories(fragment.getParent());
        Files.writeString(fragment, block("**Adding to the home page.**", "html"));

        String page = renderer()
                .page(request("/portal/home"), Locale.forLanguageTag("en-AU"), "Sunrise Family Clinic")
                .with("maskedEmail", "a***@example.org")
                .with("patients", 0)
                .with("patientList", List.of())
                .with("home", Map.of("notice", "Flu vaccines are in: book at reception."))
                .render(HttpStatus.OK, "home")
                .getBody();

        assertThat(starters).as("the starter's slots are empty").doesNotContain("practice-notice");
        assertThat(page)
                .contains("<p id=\"practice-notice\">Flu vaccines are in: book at reception.</p>")
                .as("the rest of the page stays the starter's")
                .contains("You are signed in as a***@example.org.");
    }

    @Test
    void hostBundleForANewLanguageWhenChosenThenItsStringsAndEnglishForTheRest() throws IOException {
        PortalPageRenderer pages = renderer();
        MockHttpServletRequest request = request("/portal/login");
        request.setParameter("lang", "fr");

        String page = pages.page(request, Locale.forLanguageTag("en-AU"), "Sunrise Family Clinic")
                .render(HttpStatus.OK, "sign-in")
                .getBody();

        assertThat(page)
                .contains("lang=\"fr\"", "Connexion au portail patient", "Mot de passe oublié ?", "Portail patient")
                .as("a key the bundle leaves out")
                .contains("Skip to main content");
    }

    private PortalPageRenderer renderer() throws IOException {
        Path template = host.resolve("templates/portal-invite/link-not-valid.html");
        Files.createDirectories(template.getParent());
        Files.writeString(template, block("**Overriding a template.**", "html"));
        Path bundle = host.resolve("portal-invite/messages_fr.properties");
        Files.createDirectories(bundle.getParent());
        Files.writeString(bundle, block("**Languages.**", "properties"));
        String languages = block("**Languages.**", "properties", 2);
        assertThat(languages).startsWith("portal.invite.web.languages=");
        List<Locale> offered = java.util.Arrays.stream(
                        languages.strip().substring(languages.indexOf('=') + 1).split(","))
                .map(Locale::forLanguageTag)
                .toList();
        return new PortalPageRenderer(
                offered,
                PortalTheme.defaults(),
                Map.of(
                        "css", "/portal/assets/portal.css",
                        "login", "/portal/login",
                        "forgot", "/portal/forgot-password",
                        "home", "/portal/home",
                        "logout", "/portal/logout"),
                new HostFirst(host.toUri().toURL(), getClass().getClassLoader()));
    }

    private static MockHttpServletRequest request(String path) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        request.setRequestURI(path);
        return request;
    }

    private static String block(String after, String language) {
        return block(after, language, 1);
    }

    /** The n-th fenced block of a language after a marker in the README. */
    private static String block(String after, String language, int n) {
        int at = README.indexOf(after);
        assertThat(at).as(after + " in README.md").isNotNegative();
        String fence = "```" + language + "\n";
        int start = at;
        for (int i = 0; i < n; i++) {
            start = README.indexOf(fence, start) + fence.length();
        }
        return README.substring(start, README.indexOf("```", start));
    }

    private static String readme() {
        Path path = Path.of("README.md");
        if (!Files.exists(path)) {
            path = Path.of("..", "README.md");
        }
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A host's class path: its own resources first, then the libraries'. */
    private static final class HostFirst extends URLClassLoader {
        HostFirst(URL hostResources, ClassLoader libraries) {
            super(new URL[] {hostResources}, libraries);
        }

        @Override
        public URL getResource(String name) {
            URL own = findResource(name);
            return own != null ? own : super.getResource(name);
        }
    }
}
