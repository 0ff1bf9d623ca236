/**
 * Password rules (NIST SP 800-63B-4 length, blocklist and context checks) and the Argon2id
 * hasher that stores the passwords patients set when they accept a portal invitation.
 */
@NullMarked
package io.portalinvite.password;

import org.jspecify.annotations.NullMarked;
