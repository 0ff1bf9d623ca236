-- The outbox names what a message is about generically: an invitation or a password-reset request.
ALTER TABLE pi_outbox ALTER COLUMN invitation_id RENAME TO subject_id;
ALTER INDEX pi_outbox_invitation_ix RENAME TO pi_outbox_subject_ix;
