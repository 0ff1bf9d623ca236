package io.portalinvite.password;

import java.util.Arrays;

/**
 * The native call site of {@link Argon2idPasswordHasher}, kept behind this package-private seam so
 * tests can substitute a slow or failing backend and observe the hasher's concurrency bound,
 * permit handling and start-up self-test without depending on native timing.
 */
interface Argon2Backend {

    /** Hashes with a fresh salt and returns the PHC string. Must not keep the array. */
    String hash(Argon2Parameters parameters, char[] password);

    /** Verifies the password against a PHC string. Must not keep the array. */
    boolean verify(String encodedHash, char[] password);

    /** Overwrites the password copy once the hasher is done with it. */
    default void wipe(char[] password) {
        Arrays.fill(password, '\0');
    }
}
