-- portal-invite schema, version 4: access grants as first-class records (start, scope, why they
-- ended, who revoked them, the privacy notice accepted), practices' age rules, shared-email policy
-- and privacy notice, and indexes for audit queries and shared-mobile warnings.
ALTER TABLE pi_access ADD COLUMN starts_on DATE;
-- grants made before this version start on the day they were granted (UTC)
UPDATE pi_access SET starts_on = CAST(granted_at AS DATE);
ALTER TABLE pi_access MODIFY starts_on DATE NOT NULL;
ALTER TABLE pi_access ADD COLUMN scope VARCHAR(16) NOT NULL DEFAULT 'FULL';
ALTER TABLE pi_access ADD COLUMN patient_birth_date DATE;
ALTER TABLE pi_access ADD COLUMN end_reason VARCHAR(24);
ALTER TABLE pi_access ADD COLUMN revoked_by VARCHAR(200);
ALTER TABLE pi_access ADD COLUMN consent_version VARCHAR(40);
ALTER TABLE pi_access ADD COLUMN consent_accepted_at DATETIME(6);
UPDATE pi_access SET end_reason = 'REVOKED_BY_STAFF' WHERE revoked_at IS NOT NULL;

ALTER TABLE pi_settings ADD COLUMN own_account_min_age INTEGER;
ALTER TABLE pi_settings ADD COLUMN parental_reduction_age INTEGER;
ALTER TABLE pi_settings ADD COLUMN parental_end_age INTEGER;
ALTER TABLE pi_settings ADD COLUMN parental_relationships VARCHAR(64) NOT NULL DEFAULT 'PARENT,GUARDIAN';
ALTER TABLE pi_settings ADD COLUMN shared_email VARCHAR(32) NOT NULL DEFAULT 'SHARED_LOGIN_ALLOWED';
ALTER TABLE pi_settings ADD COLUMN consent_version VARCHAR(40);
ALTER TABLE pi_settings ADD COLUMN consent_privacy_notice MEDIUMTEXT;
ALTER TABLE pi_settings ADD COLUMN consent_terms MEDIUMTEXT;
ALTER TABLE pi_settings ADD COLUMN consent_published_at DATETIME(6);
ALTER TABLE pi_settings ADD COLUMN consent_reaccept BOOLEAN NOT NULL DEFAULT FALSE;

CREATE INDEX pi_audit_practice_ix ON pi_audit (practice_id, occurred_at, seq);
CREATE INDEX pi_audit_time_ix ON pi_audit (occurred_at);
CREATE INDEX pi_audit_account_ix ON pi_audit (account_id, occurred_at, seq);
CREATE INDEX pi_invitation_mobile_ix ON pi_invitation (practice_id, invitee_mobile);
