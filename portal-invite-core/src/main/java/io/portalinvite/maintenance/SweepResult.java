package io.portalinvite.maintenance;

/**
 * What one maintenance sweep did.
 *
 * @param expired invitations marked EXPIRED
 * @param reminded reminder emails queued
 * @param purgedTokenDigests closed invitations whose token digest was purged
 * @param purgedResets expired password-reset requests deleted
 */
public record SweepResult(int expired, int reminded, int purgedTokenDigests, int purgedResets) {
}
