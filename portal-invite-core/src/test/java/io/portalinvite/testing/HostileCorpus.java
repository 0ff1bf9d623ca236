package io.portalinvite.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The hostile-input corpus, {@code io/portalinvite/hostile-input.txt} on the test class path: several
 * hundred values, one per line with escapes for control characters (the file's header explains the
 * format), some marked with the invite fields that must refuse them. Used by {@code HostileInputTest},
 * {@code HostileCorpusContract} (every store) and as the fuzzers' seeds.
 */
public final class HostileCorpus {

    /** The resource path of the corpus. */
    public static final String RESOURCE = "io/portalinvite/hostile-input.txt";

    private static volatile List<Entry> entries;

    private HostileCorpus() {}

    /**
     * One value of the corpus.
     *
     * @param value the decoded value
     * @param rejectIn the invite fields that must refuse it (may be empty)
     * @param label what it is, from the line's comment
     * @param line the line number in the file, for test names
     */
    public record Entry(String value, Set<String> rejectIn, String label, int line) {

        @Override
        public String toString() {
            return "line " + line + " (" + label + ")";
        }
    }

    /**
     * Returns every entry, in file order.
     *
     * @return the entries
     */
    public static List<Entry> entries() {
        List<Entry> e = entries;
        if (e == null) {
            e = List.copyOf(load());
            entries = e;
        }
        return e;
    }

    /**
     * Returns every value, in file order.
     *
     * @return the values
     */
    public static List<String> values() {
        return entries().stream().map(Entry::value).toList();
    }

    private static List<Entry> load() {
        InputStream in = HostileCorpus.class.getClassLoader().getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException(RESOURCE + " is not on the class path");
        }
        List<Entry> out = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t");
                Set<String> reject = Set.of();
                String label = "";
                for (int i = 1; i < parts.length; i++) {
                    if (parts[i].startsWith("reject=")) {
                        reject = Set.of(parts[i].substring("reject=".length()).split(","));
                    } else if (parts[i].startsWith("#")) {
                        label = parts[i].substring(1).strip();
                    } else {
                        throw new IllegalStateException(RESOURCE + " line " + number + ": unknown column " + parts[i]);
                    }
                }
                out.add(new Entry(decode(parts[0], number), reject, label, number));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * Decodes one value written with the corpus's escapes.
     *
     * @param text the escaped text
     * @param line the line number, for errors
     * @return the value
     */
    static String decode(String text, int line) {
        if (text.equals("\\E")) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '\\') {
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 >= text.length()) {
                throw new IllegalStateException(RESOURCE + " line " + line + ": lone backslash at the end");
            }
            if (text.startsWith("\\repeat{", i)) {
                // checked before the one-letter escapes: it starts like \r
                int countEnd = text.indexOf('}', i);
                int count = Integer.parseInt(text.substring(i + "\\repeat{".length(), countEnd));
                int bodyEnd = text.indexOf('}', countEnd + 2);
                out.append(decode(text.substring(countEnd + 2, bodyEnd), line).repeat(count));
                i = bodyEnd + 1;
                continue;
            }
            char next = text.charAt(i + 1);
            switch (next) {
                case '\\' -> out.append('\\');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    out.append((char) Integer.parseInt(text.substring(i + 2, i + 6), 16));
                    i += 4;
                }
                default -> throw new IllegalStateException(RESOURCE + " line " + line + ": unknown escape \\" + next);
            }
            i += 2;
        }
        return out.toString();
    }
}
