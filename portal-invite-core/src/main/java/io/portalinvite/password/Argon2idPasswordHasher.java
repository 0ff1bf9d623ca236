package io.portalinvite.password;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;

/** TEMPORARY stand-in; replaced by the password package. */
public final class Argon2idPasswordHasher implements PasswordHasher {
    private final Argon2 argon2 = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id, 16, 32);
    private final Argon2Parameters p;

    public Argon2idPasswordHasher(Argon2Parameters p) {
        this.p = p;
    }

    public Argon2idPasswordHasher() {
        this(Argon2Parameters.OWASP_MINIMUM);
    }

    @Override
    public String hash(CharSequence password) {
        return argon2.hash(p.iterations(), p.memoryKiB(), p.parallelism(), password.toString().toCharArray());
    }

    @Override
    public boolean verify(String encodedHash, CharSequence password) {
        try {
            return argon2.verify(encodedHash, password.toString().toCharArray());
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public boolean needsRehash(String encodedHash) {
        return argon2.needsRehash(encodedHash, p.iterations(), p.memoryKiB(), p.parallelism());
    }
}
