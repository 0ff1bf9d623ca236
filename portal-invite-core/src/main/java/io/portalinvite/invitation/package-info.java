/**
 * Invitations to the Patient Portal: the aggregate and its lifecycle, staff-facing services (invite,
 * resend, revoke), the invitee-facing registration flow, and the storage SPI with its in-memory
 * implementation.
 */
@NullMarked
package io.portalinvite.invitation;

import org.jspecify.annotations.NullMarked;
