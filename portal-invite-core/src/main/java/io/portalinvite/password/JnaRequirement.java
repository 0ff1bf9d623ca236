package io.portalinvite.password;

import java.lang.reflect.Field;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The oldest JNA the Argon2id hasher runs on, and the check of the JNA on the class path against
 * it, done without loading any native code.
 *
 * <p>{@value #MINIMUM} is the floor because the hasher's pool of native work areas frees them with
 * {@code com.sun.jna.Memory.close()}, which JNA added in 5.12.0; argon2-jvm itself asks for a newer
 * one (5.16.0 for 2.12) but runs on 5.12. Frameworks that manage JNA's version for their own reasons
 * can pull an older one in: Quarkus's BOM pins 5.8.0, for instance. The hasher then fails with
 * {@link UnsupportedJnaVersionException} naming the fix instead of a {@code NoSuchMethodError}.
 */
public final class JnaRequirement {

    /** The oldest JNA the hasher runs on. */
    public static final String MINIMUM = "5.12.0";

    private JnaRequirement() {}

    /**
     * Reads the version of the JNA on the class path, without initialising its native part.
     *
     * @return the version, e.g. {@code 5.19.1}, or empty when JNA is missing or its version unknown
     */
    public static Optional<String> foundVersion() {
        ClassLoader loader = JnaRequirement.class.getClassLoader();
        try {
            // com.sun.jna.Version holds the constants; it is package-private and has no initialiser
            // that loads native code, unlike com.sun.jna.Native
            Field field = Class.forName("com.sun.jna.Version", false, loader).getDeclaredField("VERSION");
            field.setAccessible(true);
            Object value = field.get(null);
            if (value instanceof String version && !version.isBlank()) {
                return Optional.of(version.trim());
            }
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            // fall back to the jar manifest below
        }
        try {
            Package jna = Class.forName("com.sun.jna.Pointer", false, loader).getPackage();
            String version = jna == null ? null : jna.getImplementationVersion();
            // the manifest says e.g. "5.8.0 (b0)"
            return version == null || version.isBlank() ? Optional.empty() : Optional.of(version.split(" ")[0]);
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }

    /**
     * Tells what is wrong with the JNA on the class path, if anything.
     *
     * @return the message to show, or empty when JNA is new enough (or its version cannot be read:
     *     the hasher's start-up self-test then has the last word)
     */
    public static Optional<String> problem() {
        return foundVersion().map(JnaRequirement::problem);
    }

    /**
     * Fails when the JNA on the class path is too old.
     *
     * @throws UnsupportedJnaVersionException naming the version found, the minimum and the fix
     */
    public static void check() {
        Optional<String> problem = problem();
        if (problem.isPresent()) {
            throw new UnsupportedJnaVersionException(problem.get());
        }
    }

    /** The message for a JNA version, or null when it is new enough or cannot be read. */
    static @Nullable String problem(String found) {
        int[] version = parse(found);
        if (version == null || compare(version, parse(MINIMUM)) >= 0) {
            return null;
        }
        return "JNA " + found + " found, argon2-jvm needs ≥ " + MINIMUM
                + " here: pin net.java.dev.jna:jna in your dependency management (portal-invite frees"
                + " argon2-jvm's native work areas with com.sun.jna.Memory.close(), added in JNA 5.12.0;"
                + " a framework BOM may pin an older one, as Quarkus's pins 5.8.0)";
    }

    /** Major, minor and patch of a version such as {@code 5.8.0}, {@code 5.12} or {@code 5.13.0-SNAPSHOT}. */
    static int @Nullable [] parse(String version) {
        String[] parts = version.trim().split("[.\\-+ ]");
        int[] numbers = new int[3];
        for (int i = 0; i < 3; i++) {
            if (i >= parts.length || parts[i].isEmpty()) {
                if (i < 2) {
                    return null;
                }
                break;
            }
            try {
                numbers[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                if (i < 2) {
                    return null;
                }
                break;
            }
        }
        return numbers;
    }

    private static int compare(int[] a, int @Nullable [] b) {
        if (b == null) {
            return 0;
        }
        for (int i = 0; i < 3; i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return 0;
    }
}
