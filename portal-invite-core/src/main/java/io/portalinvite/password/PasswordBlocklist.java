package io.portalinvite.password;

import io.portalinvite.internal.Passwords;

/**
 * A list of passwords that must be refused because attackers try them first: values from breach
 * corpora, dictionary words and product-specific phrases (NIST SP 800-63B-4).
 *
 * <p>Implementations compare whole values, never substrings: NIST asks verifiers to compare the
 * entire password, because substring matching rejects good passphrases that merely contain a
 * common word. Implementations must be thread-safe; one instance serves every validation.
 *
 * <p>Hosts may supply their own implementation, for example one backed by a breached-password
 * service, and combine it with {@link DictionaryPasswordBlocklist}.
 */
public interface PasswordBlocklist {

    /**
     * Tells whether a value is on the list.
     *
     * @param normalizedLowercasePassword the candidate after {@link Passwords#normalize NFKC} and
     *        lower-casing with {@link java.util.Locale#ROOT}; implementations need not normalise it
     *        again, and must store their entries in the same form so that the comparison is
     *        case-insensitive
     * @return true when the value must be refused
     */
    boolean contains(String normalizedLowercasePassword);
}
