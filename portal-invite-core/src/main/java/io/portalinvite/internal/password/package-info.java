/**
 * Unsupported: the parsing and verification of password hashes imported from other systems, used by
 * account import and sign-in; not part of the API. Hosts must not use these types, which may change
 * or disappear in any release without notice.
 */
@NullMarked
package io.portalinvite.internal.password;

import org.jspecify.annotations.NullMarked;
