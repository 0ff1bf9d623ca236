-- The outbox names what a message is about generically: an invitation or a password-reset request.
ALTER TABLE pi_outbox ALTER COLUMN invitation_id RENAME TO subject_id;
ALTER INDEX pi_outbox_invitation_ix RENAME TO pi_outbox_subject_ix;

-- pi_settings holds only what a practice chose itself: a NULL column follows the host's defaults.
-- Rows written before this version stored every setting; they stay the practice's own choices, and
-- the optional ones they left empty become "chosen as nothing" (an empty string), as they meant.
ALTER TABLE pi_settings ALTER COLUMN enabled SET NULL;
ALTER TABLE pi_settings ALTER COLUMN practice_name SET NULL;
ALTER TABLE pi_settings ALTER COLUMN invitation_link_base SET NULL;
ALTER TABLE pi_settings ALTER COLUMN invitation_lifetime_ms SET NULL;
ALTER TABLE pi_settings ALTER COLUMN sms_notice SET NULL;
ALTER TABLE pi_settings ALTER COLUMN locale SET NULL;
ALTER TABLE pi_settings ALTER COLUMN time_zone SET NULL;
ALTER TABLE pi_settings ALTER COLUMN phone_region SET NULL;
ALTER TABLE pi_settings ALTER COLUMN password_min_length SET NULL;
ALTER TABLE pi_settings ALTER COLUMN password_max_length SET NULL;
ALTER TABLE pi_settings ALTER COLUMN dob_check SET NULL;
ALTER TABLE pi_settings ALTER COLUMN max_dob_attempts SET NULL;
ALTER TABLE pi_settings ALTER COLUMN max_resends_per_hour SET NULL;
ALTER TABLE pi_settings ALTER COLUMN max_resends_per_day SET NULL;
ALTER TABLE pi_settings ALTER COLUMN messages_per_minute SET NULL;
ALTER TABLE pi_settings ALTER COLUMN reminder_before_ms SET NULL;
ALTER TABLE pi_settings ALTER COLUMN parental_relationships SET NULL;
ALTER TABLE pi_settings ALTER COLUMN shared_email SET NULL;
ALTER TABLE pi_settings ALTER COLUMN consent_reaccept SET NULL;
ALTER TABLE pi_settings ALTER COLUMN messages_per_minute DROP DEFAULT;
ALTER TABLE pi_settings ALTER COLUMN reminder_before_ms DROP DEFAULT;
ALTER TABLE pi_settings ALTER COLUMN parental_relationships DROP DEFAULT;
ALTER TABLE pi_settings ALTER COLUMN shared_email DROP DEFAULT;
ALTER TABLE pi_settings ALTER COLUMN consent_reaccept DROP DEFAULT;
UPDATE pi_settings SET sender_address = '' WHERE sender_address IS NULL;
UPDATE pi_settings SET sender_name = '' WHERE sender_name IS NULL;
UPDATE pi_settings SET reply_to = '' WHERE reply_to IS NULL;
UPDATE pi_settings SET password_reset_link_base = '' WHERE password_reset_link_base IS NULL;
UPDATE pi_settings SET consent_version = '', consent_reaccept = NULL WHERE consent_version IS NULL;
