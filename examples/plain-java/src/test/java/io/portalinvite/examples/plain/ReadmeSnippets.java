package io.portalinvite.examples.plain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks that the README shows a block of an example's compiled source, marked in the source with
 * {@code // <name>:begin} and {@code // <name>:end}. Whitespace does not count, so the README may
 * wrap lines differently from the formatter.
 */
final class ReadmeSnippets {

    private ReadmeSnippets() {}

    static void assertReadmeShows(String exampleFile, String name) {
        String source = read(Path.of("src/main/java/io/portalinvite/examples/plain", exampleFile));
        String begin = "// " + name + ":begin";
        String end = "// " + name + ":end";
        int from = source.indexOf(begin);
        int to = source.indexOf(end);
        assertThat(from).as("%s marks %s", exampleFile, begin).isNotNegative();
        assertThat(to).as("%s marks %s after its begin", exampleFile, end).isGreaterThan(from);
        String block = withoutWhitespace(source.substring(from + begin.length(), to));
        assertThat(withoutWhitespace(read(Path.of("../../README.md"))).contains(block))
                .as("README.md shows the block '%s' of %s exactly (whitespace aside)", name, exampleFile)
                .isTrue();
    }

    private static String withoutWhitespace(String text) {
        return text.replaceAll("\\s+", "");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
