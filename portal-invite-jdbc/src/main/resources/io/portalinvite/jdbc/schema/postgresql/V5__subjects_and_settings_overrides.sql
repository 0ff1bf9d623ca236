-- The outbox names what a message is about generically: an invitation or a password-reset request.
ALTER TABLE pi_outbox RENAME COLUMN invitation_id TO subject_id;
ALTER INDEX pi_outbox_invitation_ix RENAME TO pi_outbox_subject_ix;

-- pi_settings holds only what a practice chose itself: a NULL column follows the host's defaults.
-- Rows written before this version stored every setting; they stay the practice's own choices, and
-- the optional ones they left empty become "chosen as nothing" (an empty string), as they meant.
ALTER TABLE pi_settings
    ALTER COLUMN enabled DROP NOT NULL,
    ALTER COLUMN practice_name DROP NOT NULL,
    ALTER COLUMN invitation_link_base DROP NOT NULL,
    ALTER COLUMN invitation_lifetime_ms DROP NOT NULL,
    ALTER COLUMN sms_notice DROP NOT NULL,
    ALTER COLUMN locale DROP NOT NULL,
    ALTER COLUMN time_zone DROP NOT NULL,
    ALTER COLUMN phone_region DROP NOT NULL,
    ALTER COLUMN password_min_length DROP NOT NULL,
    ALTER COLUMN password_max_length DROP NOT NULL,
    ALTER COLUMN dob_check DROP NOT NULL,
    ALTER COLUMN max_dob_attempts DROP NOT NULL,
    ALTER COLUMN max_resends_per_hour DROP NOT NULL,
    ALTER COLUMN max_resends_per_day DROP NOT NULL,
    ALTER COLUMN messages_per_minute DROP NOT NULL,
    ALTER COLUMN messages_per_minute DROP DEFAULT,
    ALTER COLUMN reminder_before_ms DROP NOT NULL,
    ALTER COLUMN reminder_before_ms DROP DEFAULT,
    ALTER COLUMN parental_relationships DROP NOT NULL,
    ALTER COLUMN parental_relationships DROP DEFAULT,
    ALTER COLUMN shared_email DROP NOT NULL,
    ALTER COLUMN shared_email DROP DEFAULT,
    ALTER COLUMN consent_reaccept DROP NOT NULL,
    ALTER COLUMN consent_reaccept DROP DEFAULT;
UPDATE pi_settings SET sender_address = '' WHERE sender_address IS NULL;
UPDATE pi_settings SET sender_name = '' WHERE sender_name IS NULL;
UPDATE pi_settings SET reply_to = '' WHERE reply_to IS NULL;
UPDATE pi_settings SET password_reset_link_base = '' WHERE password_reset_link_base IS NULL;
UPDATE pi_settings SET consent_version = '', consent_reaccept = NULL WHERE consent_version IS NULL;
