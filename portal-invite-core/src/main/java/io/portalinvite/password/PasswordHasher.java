package io.portalinvite.password;

/** TEMPORARY stand-in; replaced by the password package. */
public interface PasswordHasher {
    String hash(CharSequence password);

    boolean verify(String encodedHash, CharSequence password);

    boolean needsRehash(String encodedHash);
}
