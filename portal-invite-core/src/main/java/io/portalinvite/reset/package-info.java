/**
 * "Forgot password": reset requests, their single-use digest-only links, and the service that
 * issues and completes them without revealing whether an email has an account.
 */
@NullMarked
package io.portalinvite.reset;

import org.jspecify.annotations.NullMarked;
