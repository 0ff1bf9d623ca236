-- The outbox names what a message is about generically: an invitation or a password-reset request.
ALTER TABLE pi_outbox RENAME COLUMN invitation_id TO subject_id;
ALTER TABLE pi_outbox RENAME INDEX pi_outbox_invitation_ix TO pi_outbox_subject_ix;

-- pi_settings holds only what a practice chose itself: a NULL column follows the host's defaults.
-- Rows written before this version stored every setting; they stay the practice's own choices, and
-- the optional ones they left empty become "chosen as nothing" (an empty string), as they meant.
ALTER TABLE pi_settings
    MODIFY enabled BOOLEAN NULL,
    MODIFY practice_name VARCHAR(100) NULL,
    MODIFY invitation_link_base VARCHAR(2048) NULL,
    MODIFY invitation_lifetime_ms BIGINT NULL,
    MODIFY sms_notice BOOLEAN NULL,
    MODIFY locale VARCHAR(35) NULL,
    MODIFY time_zone VARCHAR(64) NULL,
    MODIFY phone_region VARCHAR(2) NULL,
    MODIFY password_min_length INTEGER NULL,
    MODIFY password_max_length INTEGER NULL,
    MODIFY dob_check BOOLEAN NULL,
    MODIFY max_dob_attempts INTEGER NULL,
    MODIFY max_resends_per_hour INTEGER NULL,
    MODIFY max_resends_per_day INTEGER NULL,
    MODIFY messages_per_minute INTEGER NULL,
    MODIFY reminder_before_ms BIGINT NULL,
    MODIFY parental_relationships VARCHAR(64) NULL,
    MODIFY shared_email VARCHAR(32) NULL,
    MODIFY consent_reaccept BOOLEAN NULL;
UPDATE pi_settings SET sender_address = '' WHERE sender_address IS NULL;
UPDATE pi_settings SET sender_name = '' WHERE sender_name IS NULL;
UPDATE pi_settings SET reply_to = '' WHERE reply_to IS NULL;
UPDATE pi_settings SET password_reset_link_base = '' WHERE password_reset_link_base IS NULL;
UPDATE pi_settings SET consent_version = '', consent_reaccept = NULL WHERE consent_version IS NULL;
