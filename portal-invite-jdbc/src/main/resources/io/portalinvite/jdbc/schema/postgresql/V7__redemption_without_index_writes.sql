-- Redemption (open -> ACCEPTED) changes only columns that no index of pi_invitation covers, names in
-- a predicate or orders by, so PostgreSQL can write it as a heap-only (HOT) update: no index entry is
-- added, and the UPDATE costs what a bare conditional UPDATE costs.
--
-- open_key is no longer cleared by redemption: an accepted invitation keeps its key until a new
-- invitation for the same patient and invitee takes it, or the expiry sweep releases it after the
-- link's expiry. Lookups by open_key therefore also check the status.

-- When the invitation became EXPIRED or REVOKED (NULL while open or once accepted): the age the
-- token-digest purge goes by, in a column redemption never writes.
ALTER TABLE pi_invitation ADD closed_at TIMESTAMP(6);
UPDATE pi_invitation SET closed_at = updated_at WHERE status IN ('EXPIRED', 'REVOKED');

-- Both indexes named status, one also updated_at: every redemption had to add entries to them.
DROP INDEX pi_invitation_expiry_ix;
DROP INDEX pi_invitation_closed_ix;

-- Rows holding an open key: the open invitations and the accepted ones not yet released.
-- Expiry sweep: ORDER BY expires_at over these rows only.
CREATE INDEX pi_invitation_open_expiry_ix ON pi_invitation (expires_at) WHERE open_key IS NOT NULL;
-- Reminder sweep: practices with sent invitations, then one practice's invitations by expiry.
CREATE INDEX pi_invitation_open_practice_ix ON pi_invitation (practice_id, expires_at)
    WHERE open_key IS NOT NULL;
-- Token-digest purge: closed rows whose digest is still the issued one, oldest first.
CREATE INDEX pi_invitation_purge_ix ON pi_invitation (closed_at)
    WHERE closed_at IS NOT NULL AND token_purged_at IS NULL;

-- Room on every page for the new version of a row, which HOT keeps on the row's own page. Applies to
-- pages written from now on; existing pages gain room as updates and vacuum free it.
ALTER TABLE pi_invitation SET (fillfactor = 80);
