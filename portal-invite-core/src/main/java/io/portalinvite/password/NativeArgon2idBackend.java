package io.portalinvite.password;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import de.mkammerer.argon2.Argon2Factory.Argon2Types;
import java.nio.charset.StandardCharsets;

/**
 * The production {@link Argon2Backend}: libargon2 through argon2-jvm and JNA.
 *
 * <p>The factory call always names {@link Argon2Types#ARGON2id} and the salt and hash sizes,
 * because argon2-jvm's no-argument factory silently yields Argon2i. Passwords are handed over as
 * {@code char[]} encoded as UTF-8, and argon2-jvm wipes its own intermediate byte copy.
 */
final class NativeArgon2idBackend implements Argon2Backend {

    private final Argon2 argon2 = Argon2Factory.create(
            Argon2Types.ARGON2id, Argon2idPasswordHasher.SALT_LENGTH_BYTES, Argon2idPasswordHasher.TAG_LENGTH_BYTES);

    @Override
    public String hash(Argon2Parameters parameters, char[] password) {
        return argon2.hash(
                parameters.iterations(),
                parameters.memoryKiB(),
                parameters.parallelism(),
                password,
                StandardCharsets.UTF_8);
    }

    @Override
    public boolean verify(String encodedHash, char[] password) {
        return argon2.verify(encodedHash, password, StandardCharsets.UTF_8);
    }

    @Override
    public void wipe(char[] password) {
        argon2.wipeArray(password);
    }
}
