-- Redemption (open -> ACCEPTED) no longer clears open_key: an accepted invitation keeps its key until
-- a new invitation for the same patient and invitee takes it, or the expiry sweep releases it after
-- the link's expiry, so redemption changes no unique index. Lookups by open_key also check the status.

-- When the invitation became EXPIRED or REVOKED (NULL while open or once accepted): the age the
-- token-digest purge goes by, in a column redemption never writes.
ALTER TABLE pi_invitation ADD closed_at TIMESTAMP(6);
UPDATE pi_invitation SET closed_at = updated_at WHERE status IN ('EXPIRED', 'REVOKED');

-- The purge found closed rows by (status, updated_at), an index every redemption had to rewrite.
DROP INDEX pi_invitation_closed_ix;
CREATE INDEX pi_invitation_purge_ix ON pi_invitation (token_purged_at, closed_at);
