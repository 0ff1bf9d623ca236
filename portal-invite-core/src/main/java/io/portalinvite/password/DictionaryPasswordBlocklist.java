package io.portalinvite.password;

import io.portalinvite.internal.Passwords;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-memory {@link PasswordBlocklist} built from word lists.
 *
 * <p>The {@linkplain #defaultInstance() default instance} combines the 100,000 most common breached
 * passwords that ship inside nbvcxz ({@value #NBVCXZ_PASSWORDS_RESOURCE}) with a short list of
 * portal- and healthcare-specific phrases bundled with this library
 * ({@value #PORTAL_PHRASES_RESOURCE}). Entries are stored NFKC-normalised and lower-cased with
 * {@link Locale#ROOT}, so lookups are case-insensitive and immune to full-width or decomposed
 * spellings. Lookups are whole-value {@link Set#contains} calls, never substring searches.
 *
 * <p>Instances are immutable and thread-safe.
 */
final class DictionaryPasswordBlocklist implements PasswordBlocklist {

    /** Class-path resource of nbvcxz's breached-password list: UTF-8, one entry per line. */
    public static final String NBVCXZ_PASSWORDS_RESOURCE = "dictionaries/passwords.txt";

    /**
     * Class-path resource of this library's own phrases: UTF-8, one entry per line, {@code #}
     * starts a comment line.
     */
    public static final String PORTAL_PHRASES_RESOURCE = "io/portalinvite/password/portal-blocklist.txt";

    private static final Logger LOG = LoggerFactory.getLogger(DictionaryPasswordBlocklist.class);

    /** Slightly above the size of the bundled lists, so the set never rehashes while loading. */
    private static final int DEFAULT_CAPACITY = 140_000;

    private final Set<String> entries;

    private DictionaryPasswordBlocklist(Set<String> entries) {
        this.entries = Collections.unmodifiableSet(entries);
    }

    /**
     * Returns the shared default blocklist, loading it on first use.
     *
     * <p>The lists take several megabytes once loaded, so every validator shares this one
     * instance rather than reading them again; loading happens once, lazily and thread-safely
     * (class-initialisation semantics), the first time a password is checked.
     *
     * @return the process-wide default instance
     * @throws IllegalStateException if a bundled list is missing from the class path; the library
     *         refuses to run with its blocklist silently disabled
     */
    public static DictionaryPasswordBlocklist defaultInstance() {
        return DefaultHolder.INSTANCE;
    }

    /**
     * Builds a blocklist from entries the host supplies, for example an organisation-specific
     * list to combine with the default one.
     *
     * @param entries the values to refuse, in any case and Unicode form; blank entries are skipped
     * @return an immutable blocklist holding the normalised entries
     */
    public static DictionaryPasswordBlocklist of(Collection<? extends CharSequence> entries) {
        Set<String> normalized = new HashSet<>(Math.max(16, entries.size() * 2));
        for (CharSequence entry : entries) {
            addEntry(normalized, entry);
        }
        return new DictionaryPasswordBlocklist(normalized);
    }

    /**
     * Looks the value up as a whole.
     *
     * @param normalizedLowercasePassword the NFKC, lower-cased candidate
     * @return true when the value is on the list
     */
    @Override
    public boolean contains(String normalizedLowercasePassword) {
        return entries.contains(normalizedLowercasePassword);
    }

    /**
     * Returns how many distinct normalised entries are held, mostly so operators can confirm that
     * the lists were loaded.
     *
     * @return the number of entries
     */
    public int size() {
        return entries.size();
    }

    /**
     * Describes the list by size only.
     *
     * @return a string such as {@code DictionaryPasswordBlocklist[99987 entries]}
     */
    @Override
    public String toString() {
        return "DictionaryPasswordBlocklist[" + entries.size() + " entries]";
    }

    private static DictionaryPasswordBlocklist loadDefault() {
        Set<String> entries = new HashSet<>(DEFAULT_CAPACITY);
        // nbvcxz's list is raw password data, so '#' there is a password, not a comment.
        load(entries, NBVCXZ_PASSWORDS_RESOURCE, false);
        load(entries, PORTAL_PHRASES_RESOURCE, true);
        LOG.debug("Loaded password blocklist with {} entries", entries.size());
        return new DictionaryPasswordBlocklist(entries);
    }

    private static void load(Set<String> entries, String resource, boolean skipComments) {
        ClassLoader loader = DictionaryPasswordBlocklist.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Password blocklist resource '" + resource
                        + "' is not on the class path; refusing to check passwords without it");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!(skipComments && line.startsWith("#"))) {
                    addEntry(entries, line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read password blocklist " + resource, e);
        }
    }

    private static void addEntry(Set<String> entries, CharSequence entry) {
        if (!entry.toString().isBlank()) {
            entries.add(Passwords.normalize(entry).toLowerCase(Locale.ROOT));
        }
    }

    /** Holder idiom: the JVM initialises this class, and so loads the lists, once and safely. */
    private static final class DefaultHolder {
        static final DictionaryPasswordBlocklist INSTANCE = loadDefault();
    }
}
