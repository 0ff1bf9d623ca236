/**
 * Sign-in throttling that an attacker cannot turn against the account's owner: budgets per client
 * address and per known device (token buckets that hold across nodes through a shared store), beside
 * the per-account lockout that clients without a device cookie share.
 */
@NullMarked
package io.portalinvite.throttle;

import org.jspecify.annotations.NullMarked;
