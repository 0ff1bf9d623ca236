/**
 * Delivering invitations: the transactional outbox, the dispatcher with leases and retries, message
 * templates and composition, the email and SMS sender SPIs and their SMTP (Jakarta Mail) and Twilio
 * implementations.
 */
@NullMarked
package io.portalinvite.delivery;

import org.jspecify.annotations.NullMarked;
