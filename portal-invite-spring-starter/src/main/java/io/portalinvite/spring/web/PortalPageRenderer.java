package io.portalinvite.spring.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders the starter's patient pages: Thymeleaf templates under {@value #TEMPLATE_PREFIX} with the
 * strings of the {@value #MESSAGES} bundles, through an engine of the starter's own, so that the
 * host's Thymeleaf set-up, view resolvers and {@code messages} bundle stay exactly as they were. A
 * host restyles a page by putting a file of the same name earlier on the class path (its own
 * {@code src/main/resources}), and adds a language by adding a bundle file and naming the language
 * in {@code portal.invite.web.languages}.
 *
 * <p>The language: {@code ?lang=} (one of the offered languages) for the rest of the visit, then the
 * browser's Accept-Language when it names an offered language other than the practice's, and the
 * practice's locale otherwise. Arabic and other right-to-left languages get {@code dir="rtl"}.
 */
public final class PortalPageRenderer {

    /** Where the templates are on the class path. */
    public static final String TEMPLATE_PREFIX = "templates/portal-invite/";

    /** The base name of the message bundles on the class path. */
    public static final String MESSAGES = "portal-invite/messages";

    /** Session attribute of the language a patient chose with {@code ?lang=}. */
    static final String LANGUAGE_ATTRIBUTE = "PORTAL_INVITE_LANGUAGE";

    private static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);
    private static final Set<String> RIGHT_TO_LEFT = Set.of("ar", "he", "fa", "ur");

    private final SpringTemplateEngine engine;
    private final MessageSource messages;
    private final List<Locale> languages;
    private final PortalTheme theme;
    private final Map<String, String> urls;

    /**
     * Creates the renderer.
     *
     * @param languages the languages a patient may choose (the practice's own is always allowed)
     * @param theme the practice's name, logo, colour and contact details
     * @param urls the pages' paths by name ({@code css}, {@code login}, {@code forgot}, {@code home},
     *     {@code logout}), without the context path
     * @param classLoader where the templates and bundles are looked up
     */
    public PortalPageRenderer(
            List<Locale> languages, PortalTheme theme, Map<String, String> urls, ClassLoader classLoader) {
        this.languages = List.copyOf(languages);
        this.theme = Objects.requireNonNull(theme, "theme");
        this.urls = Map.copyOf(urls);
        ClassLoaderTemplateResolver templates = new ClassLoaderTemplateResolver(classLoader);
        templates.setPrefix(TEMPLATE_PREFIX);
        templates.setSuffix(".html");
        templates.setTemplateMode(TemplateMode.HTML);
        templates.setCharacterEncoding("UTF-8");
        templates.setCacheable(true);
        ResourceBundleMessageSource bundles = new ResourceBundleMessageSource();
        bundles.setBundleClassLoader(classLoader);
        bundles.setBasename(MESSAGES);
        bundles.setDefaultEncoding("UTF-8");
        bundles.setFallbackToSystemLocale(false);
        // every message, with arguments or without, follows one quoting rule (an apostrophe is written twice)
        bundles.setAlwaysUseMessageFormat(true);
        this.messages = bundles;
        this.engine = new SpringTemplateEngine();
        engine.setTemplateResolver(templates);
        engine.setTemplateEngineMessageSource(bundles);
    }

    /**
     * Starts a page for a request.
     *
     * @param request the request: its {@code ?lang=}, Accept-Language, CSRF token and context path
     * @param practiceLocale the practice's locale, the default language
     * @param practiceName the practice's display name
     * @return the page to fill in and render
     */
    public Page page(HttpServletRequest request, Locale practiceLocale, String practiceName) {
        return new Page(request, locale(request, practiceLocale), practiceName);
    }

    /**
     * Returns a page string in a language, for answers rendered outside a template.
     *
     * @param key the message key
     * @param locale the language
     * @param args the message's arguments
     * @return the text
     */
    public String message(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    /**
     * Chooses the page's language: {@code ?lang=}, remembered for the visit; then Accept-Language;
     * then the practice's.
     *
     * @param request the request
     * @param practiceLocale the practice's locale
     * @return the language
     */
    public Locale locale(HttpServletRequest request, Locale practiceLocale) {
        String asked = request.getParameter("lang");
        if (asked != null) {
            Locale chosen = offered(Locale.forLanguageTag(asked.strip()), practiceLocale);
            if (chosen != null) {
                request.getSession().setAttribute(LANGUAGE_ATTRIBUTE, chosen.toLanguageTag());
                return chosen;
            }
        }
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(LANGUAGE_ATTRIBUTE) instanceof String tag) {
            Locale chosen = offered(Locale.forLanguageTag(tag), practiceLocale);
            if (chosen != null) {
                return chosen;
            }
        }
        if (request.getHeader("Accept-Language") != null) {
            for (Locale accepted : Collections.list(request.getLocales())) {
                if (accepted.getLanguage().equals(practiceLocale.getLanguage())) {
                    return practiceLocale;
                }
                Locale match = offered(accepted, practiceLocale);
                if (match != null) {
                    return match;
                }
            }
        }
        return practiceLocale;
    }

    /** The offered language a requested one stands for: the same tag, else the same language and script. */
    private @Nullable Locale offered(Locale requested, Locale practiceLocale) {
        if (requested.getLanguage().isEmpty()) {
            return null;
        }
        List<Locale> all = new ArrayList<>(languages);
        all.add(0, practiceLocale);
        for (Locale l : all) {
            if (l.toLanguageTag().equalsIgnoreCase(requested.toLanguageTag())) {
                return l;
            }
        }
        String script = script(requested);
        for (Locale l : all) {
            if (l.getLanguage().equals(requested.getLanguage()) && script(l).equals(script)) {
                return l;
            }
        }
        return null;
    }

    /** The script a locale is written in, for Chinese from its region when not named. */
    private static String script(Locale locale) {
        if (!locale.getScript().isEmpty() || !"zh".equals(locale.getLanguage())) {
            return locale.getScript();
        }
        return switch (locale.getCountry()) {
            case "TW", "HK", "MO" -> "Hant";
            default -> "Hans";
        };
    }

    /**
     * Formats an instant in the practice's time zone, naming the zone: {@code 12 December 2026 at
     * 4:01 am (Australian Eastern Daylight Time)}.
     *
     * @param instant the instant
     * @param zone the practice's time zone
     * @param locale the page's language
     * @return the text
     */
    public static String dateTime(Instant instant, ZoneId zone, Locale locale) {
        String date = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                .withLocale(locale)
                .withZone(zone)
                .format(instant);
        String time = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT)
                .withLocale(locale)
                .withZone(zone)
                .format(instant);
        String zoneName =
                DateTimeFormatter.ofPattern("zzzz", locale).withZone(zone).format(instant);
        return date + ", " + time + " (" + zoneName + ")";
    }

    /** One page being put together: the variables every template gets, and the page's own. */
    public final class Page {

        private final HttpServletRequest request;
        private final Locale locale;
        private final Map<String, @Nullable Object> variables = new HashMap<>();
        private String self;

        private Page(HttpServletRequest request, Locale locale, String practiceName) {
            this.request = request;
            this.locale = locale;
            this.self =
                    request.getRequestURI().substring(request.getContextPath().length());
            String context = request.getContextPath();
            Map<String, String> links = new LinkedHashMap<>();
            urls.forEach((name, path) -> links.put(name, context + path));
            variables.put("urls", links);
            variables.put("theme", theme);
            variables.put("practiceName", theme.practiceName() != null ? theme.practiceName() : practiceName);
            variables.put("lang", locale.toLanguageTag());
            variables.put("dir", RIGHT_TO_LEFT.contains(locale.getLanguage()) ? "rtl" : "ltr");
            Csrf.Field csrf = Csrf.of(request);
            variables.put("csrf", csrf == null ? null : Map.of("name", csrf.name(), "value", csrf.value()));
            variables.put("notice", null);
        }

        /**
         * Returns the page's language.
         *
         * @return the locale
         */
        public Locale locale() {
            return locale;
        }

        /**
         * Sets a variable for the template.
         *
         * @param name the name
         * @param value the value, escaped by the template
         * @return this
         */
        public Page with(String name, @Nullable Object value) {
            variables.put(name, value);
            return this;
        }

        /**
         * Sets the path and query the language links repeat (the invitation page's token, say).
         *
         * @param pathAndQuery the page's own address without the context path, or with a query
         * @return this
         */
        public Page self(String pathAndQuery) {
            this.self = pathAndQuery;
            return this;
        }

        /**
         * Renders the page.
         *
         * @param status the HTTP status
         * @param template the template's name under {@value #TEMPLATE_PREFIX}, without {@code .html}
         * @return the response
         */
        public ResponseEntity<String> render(HttpStatusCode status, String template) {
            variables.put("languages", languageLinks());
            String body = engine.process(template, new Context(locale, variables));
            return ResponseEntity.status(status).contentType(HTML).body(body);
        }

        private List<LanguageLink> languageLinks() {
            String base = request.getContextPath() + self + (self.contains("?") ? "&" : "?") + "lang=";
            List<LanguageLink> links = new ArrayList<>();
            for (Locale l : languages) {
                String tag = l.toLanguageTag();
                links.add(new LanguageLink(
                        tag,
                        capitalised(l.getDisplayName(l), l),
                        base + URLEncoder.encode(tag, StandardCharsets.UTF_8),
                        l.equals(locale)));
            }
            return links;
        }
    }

    private static String capitalised(String name, Locale locale) {
        return name.isEmpty() ? name : name.substring(0, 1).toUpperCase(locale) + name.substring(1);
    }

    /**
     * A link to the same page in another language.
     *
     * @param tag the language's BCP 47 tag
     * @param name the language's name in that language
     * @param href the link
     * @param current whether the page is in this language now
     */
    public record LanguageLink(String tag, String name, String href, boolean current) {}
}
