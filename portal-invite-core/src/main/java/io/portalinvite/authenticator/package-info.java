/**
 * The authenticators an account holds beside its password — a TOTP app, recovery codes and
 * passkeys — with the store that keeps them and the service that enrols, checks and removes them.
 */
@NullMarked
package io.portalinvite.authenticator;

import org.jspecify.annotations.NullMarked;
