package io.portalinvite.maintenance;

/**
 * What one maintenance sweep did.
 *
 * @param expired invitations marked EXPIRED
 * @param reminded reminder emails queued
 * @param purgedTokenDigests closed invitations whose token digest was purged
 * @param purgedResets expired password-reset requests deleted
 * @param accessEnded access grants whose end (end date or age rule) was recorded
 * @param accessReduced parental grants reduced to limited access by an age rule
 * @param auditPurged audit entries deleted after the retention period
 */
public record MaintenanceReport(
        int expired,
        int reminded,
        int purgedTokenDigests,
        int purgedResets,
        int accessEnded,
        int accessReduced,
        int auditPurged) {

    /**
     * A result of the invitation steps only.
     *
     * @param expired invitations marked EXPIRED
     * @param reminded reminder emails queued
     * @param purgedTokenDigests closed invitations whose token digest was purged
     * @param purgedResets expired password-reset requests deleted
     */
    public MaintenanceReport(int expired, int reminded, int purgedTokenDigests, int purgedResets) {
        this(expired, reminded, purgedTokenDigests, purgedResets, 0, 0, 0);
    }
}
