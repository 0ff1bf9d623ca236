package io.portalinvite.password;

/** TEMPORARY stand-in; replaced by the password package. */
public record Argon2Parameters(int memoryKiB, int iterations, int parallelism) {
    public static final Argon2Parameters OWASP_MINIMUM = new Argon2Parameters(19456, 2, 1);
}
