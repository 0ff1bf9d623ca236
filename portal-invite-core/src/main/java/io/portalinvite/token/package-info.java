/**
 * Invitation tokens: derived from a secret key and a per-issue nonce, stored only as a SHA-256
 * digest, compared in constant time.
 */
@NullMarked
package io.portalinvite.token;

import org.jspecify.annotations.NullMarked;
