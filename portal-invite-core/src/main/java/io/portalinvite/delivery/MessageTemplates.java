package io.portalinvite.delivery;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.MustacheFactory;
import io.portalinvite.common.PracticeId;
import io.portalinvite.common.ValidationException;
import io.portalinvite.delivery.TemplateService.TemplateName;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Renders the message templates with Mustache: a practice's own wording when it saved one for the
 * locale, otherwise the built-in template for the locale (falling back from {@code en-AU} to
 * {@code en}).
 *
 * <p>Templates are logic-less, cannot include other files and cannot run code; merge values are
 * inserted, never interpreted, and in the HTML part they are HTML-escaped (checklist B6).
 * Thread-safe; compiled templates are cached.
 */
public final class MessageTemplates {

    /** Longest template source accepted. */
    public static final int MAX_SOURCE_LENGTH = 20_000;

    private static final String BUILT_IN = "io/portalinvite/delivery/templates/";
    private static final Pattern LINKISH = Pattern.compile("(?i)(https?:|www\\.|://|\\{\\{\\{?\\s*link)");

    private final TemplateStore store;
    private final MustacheFactory htmlFactory = new NoPartialsFactory(true);
    private final MustacheFactory textFactory = new NoPartialsFactory(false);
    private final Map<String, Mustache> compiled = new ConcurrentHashMap<>();

    /**
     * Creates the renderer.
     *
     * @param store where practices' overrides are kept
     */
    public MessageTemplates(TemplateStore store) {
        this.store = store;
    }

    /**
     * Renders a template for a practice.
     *
     * @param practiceId the practice
     * @param name the template
     * @param locale the practice's locale
     * @param scope the merge values
     * @return the rendered text
     */
    public String render(PracticeId practiceId, TemplateName name, Locale locale, Map<String, Object> scope) {
        return renderSource(name, source(practiceId, name, locale), scope);
    }

    /**
     * Returns the source a practice's messages use: its override, or the built-in template.
     *
     * @param practiceId the practice
     * @param name the template
     * @param locale the locale
     * @return the template source
     */
    public String source(PracticeId practiceId, TemplateName name, Locale locale) {
        return store.find(practiceId, name, locale).orElseGet(() -> builtIn(name, locale));
    }

    /**
     * Returns the built-in template for a locale.
     *
     * @param name the template
     * @param locale the locale
     * @return the source
     */
    public static String builtIn(TemplateName name, Locale locale) {
        for (String folder : candidates(locale)) {
            Optional<String> found = resource(BUILT_IN + folder + "/" + name.fileName() + ".mustache");
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw new IllegalStateException("built-in template " + name + " is missing from the library");
    }

    /**
     * Checks a template source a practice wants to use: it must compile, stay within
     * {@value #MAX_SOURCE_LENGTH} characters, the email parts must contain the link, and the SMS
     * notice must not contain a link or the link field (checklist B1).
     *
     * @param name the template
     * @param source the source
     * @throws ValidationException naming field {@code template.<name>} and the rule
     */
    public void validate(TemplateName name, String source) {
        String field = "template." + name.name();
        if (source == null || source.isBlank()) {
            throw new ValidationException(field, "required", "is required");
        }
        if (source.length() > MAX_SOURCE_LENGTH) {
            throw new ValidationException(field, "too_long", "must be at most " + MAX_SOURCE_LENGTH + " characters");
        }
        if (hasBrokenCharacters(source)) {
            // NUL and other controls cannot be stored in every database (PostgreSQL refuses NUL) and
            // have no place in a message; an unpaired surrogate is not text at all
            throw new ValidationException(
                    field,
                    "template.characters",
                    "must not contain control characters other than tab and line breaks, or broken Unicode");
        }
        List<String> problems = new ArrayList<>();
        if (name == TemplateName.SMS_NOTICE && LINKISH.matcher(source).find()) {
            problems.add("template.sms_link");
        }
        if (name != TemplateName.SMS_NOTICE && !source.matches("(?s).*\\{\\{\\{?\\s*link\\s*}}}?.*")) {
            problems.add("template.link_missing");
        }
        if (name.html() && (source.contains("{{{") || source.matches("(?s).*\\{\\{\\s*&.*"))) {
            problems.add("template.unescaped");
        }
        if (!problems.isEmpty()) {
            String rule = problems.get(0);
            throw new ValidationException(
                    field,
                    rule,
                    switch (rule) {
                        case "template.sms_link" -> "must not contain a link: the SMS only says that an email was sent";
                        case "template.unescaped" ->
                            "must not use {{{...}}} or {{&...}}: every value in the HTML part is escaped";
                        default -> "must contain {{link}}: the email carries the invitation link";
                    });
        }
        try {
            compile(name, source);
        } catch (MustacheException e) {
            // Mustache quotes the offending source; keep its position hints but no raw line break or
            // other control character, which would split log lines (found by ParserFuzzTest)
            throw new ValidationException(
                    field,
                    "template.syntax",
                    "is not a valid template: "
                            + String.valueOf(e.getMessage()).replaceAll("[\\p{Cc}\\u2028\\u2029]", " "));
        }
    }

    private static boolean hasBrokenCharacters(String source) {
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            int type = Character.getType(c);
            if ((type == Character.CONTROL && c != '\t' && c != '\n' && c != '\r')
                    || (Character.isHighSurrogate(c)
                            && (i + 1 == source.length() || !Character.isLowSurrogate(source.charAt(i + 1))))
                    || (Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(source.charAt(i - 1))))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Renders a given source (an override being previewed, say).
     *
     * @param name which template it is (decides HTML escaping)
     * @param source the source
     * @param scope the merge values
     * @return the rendered text
     */
    public String renderSource(TemplateName name, String source, Map<String, Object> scope) {
        StringWriter out = new StringWriter();
        compile(name, source).execute(out, scope);
        return out.toString();
    }

    private Mustache compile(TemplateName name, String source) {
        String key = (name.html() ? "h:" : "t:") + source;
        return compiled.computeIfAbsent(
                key, k -> (name.html() ? htmlFactory : textFactory).compile(new StringReader(source), name.fileName()));
    }

    private static List<String> candidates(Locale locale) {
        List<String> out = new ArrayList<>();
        if (!locale.getCountry().isEmpty()) {
            out.add(locale.getLanguage() + "_" + locale.getCountry());
        }
        out.add(locale.getLanguage());
        out.add("en");
        return out;
    }

    private static Optional<String> resource(String path) {
        try (InputStream in = MessageTemplates.class.getClassLoader().getResourceAsStream(path)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Escapes text for HTML element content and quoted attribute values: the five characters that
     * matter, and the backtick that old browsers treated as a quote. Mustache's own escaping also
     * encodes {@code =}, which turns every link's query into {@code &#61;} for no gain.
     *
     * @param value the text
     * @return the escaped text
     */
    public static String escapeHtml(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '`' -> out.append("&#96;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Mustache without partials (no file access from a template), escaping only in HTML. */
    private static final class NoPartialsFactory extends DefaultMustacheFactory {
        private final boolean html;

        NoPartialsFactory(boolean html) {
            this.html = html;
        }

        @Override
        public Mustache compilePartial(String name) {
            throw new MustacheException("templates cannot include other templates ({{> " + name + "}})");
        }

        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(html ? escapeHtml(value) : value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
