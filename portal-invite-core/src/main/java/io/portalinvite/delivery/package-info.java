/**
 * Delivering invitations: the transactional outbox, the dispatcher with leases and retries, message
 * composition, and the email and SMS sender SPIs.
 */
@NullMarked
package io.portalinvite.delivery;

import org.jspecify.annotations.NullMarked;
