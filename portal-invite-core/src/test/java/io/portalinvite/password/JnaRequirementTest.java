package io.portalinvite.password;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A JNA older than the hasher needs is reported with the version found, the minimum and the fix —
 * read from the version string, and for real on JNA 5.8.0 (what Quarkus's BOM pins) in a child JVM —
 * while building a portal that never hashes still works.
 */
class JnaRequirementTest {

    @Test
    void problemWhenJnaIsOlderThanTheMinimumThenNamesVersionMinimumAndFix() {
        assertThat(JnaRequirement.problem("5.8.0"))
                .startsWith("JNA 5.8.0 found, argon2-jvm needs ≥ 5.12.0")
                .contains("pin net.java.dev.jna:jna in your dependency management");
        assertThat(JnaRequirement.problem("5.11.0")).startsWith("JNA 5.11.0 found");
        assertThat(JnaRequirement.problem("4.5.2")).isNotNull();
    }

    @Test
    void problemWhenJnaIsTheMinimumOrNewerThenNone() {
        assertThat(JnaRequirement.problem("5.12.0")).isNull();
        assertThat(JnaRequirement.problem("5.12")).isNull();
        assertThat(JnaRequirement.problem("5.19.1")).isNull();
        assertThat(JnaRequirement.problem("5.13.0-SNAPSHOT")).isNull();
        assertThat(JnaRequirement.problem("6.0.0")).isNull();
    }

    @Test
    void problemWhenVersionCannotBeReadThenNoneAndTheSelfTestDecides() {
        assertThat(JnaRequirement.problem("")).isNull();
        assertThat(JnaRequirement.problem("unknown")).isNull();
    }

    @Test
    void foundVersionOnThisClassPathIsReadWithoutNativeCodeAndPasses() {
        assertThat(JnaRequirement.foundVersion())
                .hasValueSatisfying(v -> assertThat(v).matches("\\d+\\.\\d+\\.\\d+"));
        assertThat(JnaRequirement.problem()).isEmpty();
    }

    @Test
    void hasherWhenJna58OnTheClassPathThenClearMessageAndPortalStillBuilds() throws Exception {
        Path oldJna = Path.of("target", "old-jna", "jna-5.8.0.jar");
        assertThat(oldJna).as("copied by the build (maven-dependency-plugin)").exists();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> entries = new ArrayList<>();
        entries.add(oldJna.toAbsolutePath().toString());
        Arrays.stream(classPath.split(File.pathSeparator))
                .filter(e -> !e.replace('\\', '/').contains("/net/java/dev/jna/jna/"))
                .forEach(entries::add);
        Path out = Files.createTempFile("old-jna", ".txt");
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        String.join(File.pathSeparator, entries),
                        OldJnaProbe.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
        String output = read(out);

        assertThat(output)
                .contains("found=5.8.0")
                .contains("built=yes")
                .contains("password hashing will fail until this is fixed: JNA 5.8.0 found, argon2-jvm needs ≥ 5.12.0")
                .contains("hasher=UnsupportedJnaVersionException: JNA 5.8.0 found, argon2-jvm needs ≥ 5.12.0 here:"
                        + " pin net.java.dev.jna:jna in your dependency management")
                .contains("login=UnsupportedJnaVersionException")
                .doesNotContain("libargon2) could not be used")
                .doesNotContain("NoSuchMethodError");
        assertThat(child.exitValue()).as(output).isZero();
    }

    private static String read(Path file) throws IOException {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().collect(Collectors.joining("\n"));
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
