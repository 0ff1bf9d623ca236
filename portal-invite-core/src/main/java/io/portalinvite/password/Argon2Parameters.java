package io.portalinvite.password;

import io.portalinvite.common.FieldViolation;
import io.portalinvite.common.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Argon2id cost settings.
 *
 * <p>The default, {@link #OWASP_MINIMUM} (19 MiB, 2 iterations, 1 lane), is the OWASP Password
 * Storage Cheat Sheet's minimum recommended configuration. Bounds reject values that are either
 * unsafe or almost certainly typing mistakes: memory between {@value #MIN_MEMORY_KIB} KiB and
 * {@value #MAX_MEMORY_KIB} KiB (2 GiB, RFC 9106's most expensive recommended option), iterations
 * between {@value #MIN_ITERATIONS} and {@value #MAX_ITERATIONS}, and parallelism between
 * {@value #MIN_PARALLELISM} and {@value #MAX_PARALLELISM}. Argon2's own rule that memory be at
 * least 8 KiB per lane always holds within these bounds (16 lanes need only 128 KiB).
 *
 * <p>Remember that every concurrent hash holds {@code memoryKiB} of native memory; the hasher's
 * concurrency bound multiplied by this value is the peak.
 *
 * @param memoryKiB memory cost in kibibytes (Argon2 {@code m})
 * @param iterations number of passes over memory (Argon2 {@code t})
 * @param parallelism number of lanes (Argon2 {@code p})
 */
public record Argon2Parameters(int memoryKiB, int iterations, int parallelism) {

    /** Lowest memory cost accepted, in KiB. */
    public static final int MIN_MEMORY_KIB = 1024;

    /** Highest memory cost accepted, in KiB (2 GiB). */
    public static final int MAX_MEMORY_KIB = 2 * 1024 * 1024;

    /** Lowest iteration count accepted. */
    public static final int MIN_ITERATIONS = 1;

    /** Highest iteration count accepted; well above any published server-side recommendation. */
    public static final int MAX_ITERATIONS = 32;

    /** Lowest parallelism accepted. */
    public static final int MIN_PARALLELISM = 1;

    /** Highest parallelism accepted. */
    public static final int MAX_PARALLELISM = 16;

    /** OWASP's minimum recommendation for Argon2id: m=19456 KiB, t=2, p=1. The default. */
    public static final Argon2Parameters OWASP_MINIMUM = new Argon2Parameters(19456, 2, 1);

    /**
     * Refuses out-of-range settings, reporting every bad field at once.
     *
     * @param memoryKiB memory cost in kibibytes
     * @param iterations number of passes over memory
     * @param parallelism number of lanes
     * @throws ValidationException naming {@code argon2Parameters.memoryKiB},
     *         {@code argon2Parameters.iterations} and/or {@code argon2Parameters.parallelism}
     */
    public Argon2Parameters {
        List<FieldViolation> violations = new ArrayList<>(3);
        checkRange(violations, "memoryKiB", memoryKiB, MIN_MEMORY_KIB, MAX_MEMORY_KIB);
        checkRange(violations, "iterations", iterations, MIN_ITERATIONS, MAX_ITERATIONS);
        checkRange(violations, "parallelism", parallelism, MIN_PARALLELISM, MAX_PARALLELISM);
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
    }

    /**
     * Tells whether these parameters (typically parsed from a stored hash) are cheaper to attack
     * than the given ones in any dimension, meaning the stored hash should be upgraded.
     *
     * @param required the parameters currently configured
     * @return true when memory, iterations or parallelism is lower than required
     */
    public boolean isWeakerThan(Argon2Parameters required) {
        Objects.requireNonNull(required, "required");
        return memoryKiB < required.memoryKiB || iterations < required.iterations || parallelism < required.parallelism;
    }

    /**
     * Tells whether values read from untrusted text fall inside the accepted bounds, so a parser
     * can refuse them without using exceptions for control flow.
     */
    static boolean withinBounds(long memoryKiB, long iterations, long parallelism) {
        return memoryKiB >= MIN_MEMORY_KIB
                && memoryKiB <= MAX_MEMORY_KIB
                && iterations >= MIN_ITERATIONS
                && iterations <= MAX_ITERATIONS
                && parallelism >= MIN_PARALLELISM
                && parallelism <= MAX_PARALLELISM;
    }

    private static void checkRange(List<FieldViolation> violations, String name, int value, int min, int max) {
        if (value < min || value > max) {
            violations.add(new FieldViolation(
                    "argon2Parameters." + name,
                    "argon2_parameters." + name + "_out_of_range",
                    name + " must be between " + min + " and " + max + ", was " + value));
        }
    }
}
