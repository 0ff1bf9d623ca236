package io.portalinvite.invitation;

/**
 * Where a bulk invitation is, told after each chunk commits.
 *
 * @param processed rows read so far
 * @param invited invitations created so far
 * @param skipped rows skipped so far (already invited or registered, repeated in the input)
 * @param invalid rows refused by validation so far
 */
public record BulkProgress(long processed, long invited, long skipped, long invalid) {}
