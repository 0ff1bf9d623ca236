package io.portalinvite.delivery;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.MustacheFactory;
import io.portalinvite.common.FieldViolation;
import io.portalinvite.common.PracticeId;
import io.portalinvite.common.ValidationException;
import io.portalinvite.delivery.TemplateService.TemplateName;
import io.portalinvite.internal.SmsText;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders the message templates with Mustache: a practice's own wording when it saved one for the
 * locale, otherwise the built-in template for the locale.
 *
 * <p>Built-in templates live on the classpath in {@code io/portalinvite/delivery/templates/<tag>/},
 * one folder per BCP 47 language tag ({@code en}, {@code es}, {@code zh-Hans}, {@code vi},
 * {@code ar}), each with the seven templates and a {@code messages.properties} holding the subjects,
 * the relationship words and how the expiry names its time zone. A locale is looked up exactly, then
 * by language (with script for Chinese: {@code zh-CN} reads {@code zh-Hans}), then in {@code en};
 * a host adds a language by adding a folder.
 *
 * <p>Templates are logic-less, cannot include other files and cannot run code; merge values are
 * inserted, never interpreted, and in the HTML part they are HTML-escaped (checklist B6).
 * Thread-safe; compiled templates are cached.
 */
public final class MessageTemplates {

    /** Longest template source accepted. */
    public static final int MAX_SOURCE_LENGTH = 20_000;

    private static final String BUILT_IN = "io/portalinvite/delivery/templates/";
    /** The only merge field of the SMS notice. */
    private static final String SMS_FIELD = "practiceName";

    private final TemplateStore store;
    private final MustacheFactory htmlFactory = new NoPartialsFactory(true);
    private final MustacheFactory textFactory = new NoPartialsFactory(false);
    private final Map<String, Mustache> compiled = new ConcurrentHashMap<>();
    /** The {@code messages.properties} of each built-in folder, empty when the folder has none. */
    private static final Map<String, Properties> WORDING = new ConcurrentHashMap<>();

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
     * Renders an email's text and HTML parts from one read of the practice's overrides: one query
     * per message instead of one per part.
     *
     * @return the rendered text part and the rendered HTML part, in that order
     */
    String[] renderParts(
            PracticeId practiceId, TemplateName text, TemplateName html, Locale locale, Map<String, Object> scope) {
        Map<TemplateName, String> overrides = store.findAll(practiceId, locale);
        String textSource = overrides.get(text);
        String htmlSource = overrides.get(html);
        return new String[] {
            renderSource(text, textSource != null ? textSource : builtIn(text, locale), scope),
            renderSource(html, htmlSource != null ? htmlSource : builtIn(html, locale), scope)
        };
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
     * {@value #MAX_SOURCE_LENGTH} characters, hold no bidirectional controls, close every section it
     * opens and keep the {@code {{ }}} delimiters; the email parts must contain the link; the SMS
     * notice may merge only {@code {{practiceName}}} and its wording must pass {@link SmsText} (no
     * link, domain, shortener or invisible character: checklist B1). Messages name the line.
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
        checkLines(field, source);
        List<Tag> tags = tags(field, source);
        checkSections(field, tags);
        if (name == TemplateName.SMS_NOTICE) {
            checkSmsNotice(field, source, tags);
        }
        List<String> problems = new ArrayList<>();
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

    /** Refuses bidirectional controls, which make the wording display as something else. */
    private static void checkLines(String field, String source) {
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if ((c >= '\u202A' && c <= '\u202E')
                    || (c >= '\u2066' && c <= '\u2069')
                    || c == '\u200E'
                    || c == '\u200F'
                    || c == '\u061C') {
                throw new ValidationException(
                        field,
                        "template.bidi",
                        "line " + lineOf(source, i) + ": must not contain bidirectional control characters (U+"
                                + Integer.toHexString(c).toUpperCase(Locale.ROOT)
                                + "), which make text display as something other than what is sent");
            }
        }
    }

    /**
     * Refuses sections that are never closed or closed out of order: Mustache would otherwise drop
     * the text after an unclosed section without a word.
     */
    private static void checkSections(String field, List<Tag> tags) {
        Deque<Tag> open = new ArrayDeque<>();
        for (Tag tag : tags) {
            if (tag.sigil() == '#' || tag.sigil() == '^') {
                open.push(tag);
            } else if (tag.sigil() == '/') {
                Tag opened = open.poll();
                if (opened == null || !opened.name().equals(tag.name())) {
                    throw new ValidationException(
                            field,
                            "template.section_mismatch",
                            "line " + tag.line() + ": {{/" + printable(tag.name()) + "}} closes no open section"
                                    + (opened == null
                                            ? ""
                                            : " ({{" + opened.sigil() + printable(opened.name()) + "}} opened on line "
                                                    + opened.line() + " is still open)"));
                }
            }
        }
        Tag unclosed = open.peekLast();
        if (unclosed != null) {
            throw new ValidationException(
                    field,
                    "template.unclosed_section",
                    "line " + unclosed.line() + ": {{" + unclosed.sigil() + printable(unclosed.name())
                            + "}} is never closed; the text after it would be dropped");
        }
    }

    /**
     * The SMS notice may merge only the practice name, and its wording, with each merge field read as
     * a plain word, must pass {@link SmsText}: no link, domain, shortener or invisible character.
     */
    private static void checkSmsNotice(String field, String source, List<Tag> tags) {
        StringBuilder text = new StringBuilder(source.length());
        int from = 0;
        for (Tag tag : tags) {
            boolean variable = tag.sigil() == 0 || tag.sigil() == '&' || tag.sigil() == '{';
            if (variable && tag.name().equals("link")) {
                throw new ValidationException(
                        field,
                        "template.sms_link",
                        "line " + tag.line() + ": must not contain a link: the SMS only says that an email was sent");
            }
            if (!(tag.sigil() == '!' || (variable && tag.name().equals(SMS_FIELD)))) {
                throw new ValidationException(
                        field,
                        "template.sms_field",
                        "line " + tag.line() + ": the SMS notice may merge only {{" + SMS_FIELD + "}}");
            }
            text.append(source, from, tag.start());
            // a merge field stands for a word (a domain around it would show); a comment for nothing
            text.append(tag.sigil() == '!' ? tag.text().replaceAll("[^\n]", "") : "X");
            from = tag.end();
        }
        text.append(source, from, source.length());
        String[] lines = text.toString().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Optional<FieldViolation> problem = SmsText.problem(field, lines[i], true);
            if (problem.isPresent()) {
                String rule = problem.get().rule().equals("sms_link")
                        ? "template.sms_link"
                        : "template." + problem.get().rule();
                throw new ValidationException(
                        field, rule, "line " + (i + 1) + ": " + problem.get().message());
            }
        }
    }

    /** One Mustache tag: its sigil (0 for a plain variable), name, line and place in the source. */
    private record Tag(char sigil, String name, int line, int start, int end, String text) {}

    private static List<Tag> tags(String field, String source) {
        List<Tag> out = new ArrayList<>();
        int i = 0;
        while ((i = source.indexOf("{{", i)) >= 0) {
            boolean triple = source.startsWith("{{{", i);
            String close = triple ? "}}}" : "}}";
            int end = source.indexOf(close, i + (triple ? 3 : 2));
            if (end < 0) {
                throw new ValidationException(
                        field, "template.syntax", "line " + lineOf(source, i) + ": {{ is never closed by }}");
            }
            String inner = source.substring(i + (triple ? 3 : 2), end).strip();
            char sigil = triple ? '{' : inner.isEmpty() ? 0 : inner.charAt(0);
            if (sigil == '=') {
                throw new ValidationException(
                        field, "template.delimiters", "line " + lineOf(source, i) + ": must keep the {{ }} delimiters");
            }
            boolean named =
                    sigil == '#' || sigil == '^' || sigil == '/' || sigil == '!' || sigil == '>' || sigil == '&';
            String name = (named ? inner.substring(1) : inner).strip();
            if (!named && sigil != '{') {
                sigil = 0;
            }
            out.add(new Tag(
                    sigil,
                    name,
                    lineOf(source, i),
                    i,
                    end + close.length(),
                    source.substring(i, end + close.length())));
            i = end + close.length();
        }
        return out;
    }

    private static int lineOf(String source, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            if (source.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** A tag name as it may appear in a message: no control characters, at most 40 characters. */
    private static String printable(String name) {
        String clean = name.replaceAll("[\\p{Cc}\\p{Cf}\\u2028\\u2029]", "?");
        return clean.length() > 40 ? clean.substring(0, 40) + "..." : clean;
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

    /**
     * The folders a locale is looked up in, most specific first: the exact tag, language with
     * script, language with country (also spelt {@code en_AU}), the language, and {@code en}.
     */
    static List<String> candidates(Locale locale) {
        List<String> out = new ArrayList<>();
        String language = locale.getLanguage();
        String script = locale.getScript();
        if (script.isEmpty() && language.equals("zh")) {
            // Chinese without a script: Traditional where it is written so, Simplified elsewhere
            script = List.of("TW", "HK", "MO").contains(locale.getCountry()) ? "Hant" : "Hans";
        }
        String country = locale.getCountry();
        if (!language.isEmpty()) {
            out.add(locale.stripExtensions().toLanguageTag());
            if (!script.isEmpty()) {
                if (!country.isEmpty()) {
                    out.add(language + "-" + script + "-" + country);
                }
                out.add(language + "-" + script);
            }
            if (!country.isEmpty()) {
                out.add(language + "-" + country);
                out.add(language + "_" + country);
            }
            out.add(language);
        }
        out.add("en");
        return out.stream().distinct().toList();
    }

    /**
     * Returns a built-in wording for a locale from the {@code messages.properties} of the first
     * folder in its fallback chain that has the key.
     *
     * @param locale the locale
     * @param key the key, such as {@code subject.invitation} or {@code relationship.parent}
     * @return the wording
     * @throws IllegalStateException when not even {@code en} has the key
     */
    public static String wording(Locale locale, String key) {
        for (String folder : candidates(locale)) {
            String value = WORDING.computeIfAbsent(folder, MessageTemplates::loadWording)
                    .getProperty(key);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        throw new IllegalStateException("built-in wording " + key + " is missing from the library");
    }

    /**
     * Writes when a link expires, in the practice's time zone and the message's language, with the
     * zone named: "12 Dec 2026, 4:01 am AEDT" in English, the zone's full name in languages whose
     * readers would not know the abbreviation ({@code expiry.zone} and {@code expiry.layout} in the
     * folder's {@code messages.properties}).
     *
     * @param instant when the link expires
     * @param locale the message's language
     * @param zone the practice's time zone
     * @return the text
     */
    public static String expiry(Instant instant, Locale locale, ZoneId zone) {
        String date = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(locale)
                .withZone(zone)
                .format(instant);
        String zoneName = DateTimeFormatter.ofPattern(
                        wording(locale, "expiry.zone").equals("long") ? "zzzz" : "zzz", locale)
                .withZone(zone)
                .format(instant);
        return wording(locale, "expiry.layout").replace("{date}", date).replace("{zone}", zoneName);
    }

    private static Properties loadWording(String folder) {
        Properties properties = new Properties();
        try (InputStream in = MessageTemplates.class
                .getClassLoader()
                .getResourceAsStream(BUILT_IN + folder + "/messages.properties")) {
            if (in != null) {
                properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
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
