/**
 * Housekeeping a host's scheduler runs: the expiry sweep, reminders before expiry, and purging of
 * closed invitations' token digests and old password-reset requests.
 */
@NullMarked
package io.portalinvite.maintenance;

import org.jspecify.annotations.NullMarked;
