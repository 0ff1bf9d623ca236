-- portal-invite schema, version 3 (MariaDB): bulk invitation pacing, password reset, expiry sweep,
-- reminders and purging of closed invitations' token digests.

-- Per-practice settings: outbox pacing (0 = unlimited), reminder before expiry (0 = off) and the
-- password-reset page (NULL = derived from the invitation link base).
ALTER TABLE pi_settings ADD messages_per_minute INTEGER NOT NULL DEFAULT 0;
ALTER TABLE pi_settings ADD reminder_before_ms BIGINT NOT NULL DEFAULT 0;
ALTER TABLE pi_settings ADD password_reset_link_base VARCHAR(2048);

-- The nonce of the link issue a reminder was queued for: set once by one conditional UPDATE, so
-- several nodes sweeping at once queue one reminder; a resend (new nonce) may be reminded again.
ALTER TABLE pi_invitation ADD reminded_nonce VARCHAR(43);
-- When the token digest of a closed invitation was replaced by a value no token can match.
ALTER TABLE pi_invitation ADD token_purged_at DATETIME(6);
CREATE INDEX pi_invitation_expiry_ix ON pi_invitation (status, expires_at);
CREATE INDEX pi_invitation_closed_ix ON pi_invitation (status, updated_at);

-- Send slots per practice and channel, in microseconds since the epoch: the next instant a paced
-- message may be sent. Reserved atomically in the enqueuing transaction (see docs/outbox-pacing.md).
CREATE TABLE pi_send_pace (
    practice_id            VARCHAR(128) NOT NULL,
    channel                VARCHAR(16)  NOT NULL,
    next_slot_micros       BIGINT       NOT NULL,
    CONSTRAINT pi_send_pace_pk PRIMARY KEY (practice_id, channel)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Password-reset requests. As for invitations, only the SHA-256 digest of the token and the nonce
-- it was derived from (with a key outside the database) are stored. account_id is NULL for the
-- stand-in row written when the email matched no account, so both answers cost the same work.
CREATE TABLE pi_password_reset (
    id                     VARCHAR(36)  NOT NULL PRIMARY KEY,
    account_id             VARCHAR(36),
    practice_id            VARCHAR(128) NOT NULL,
    status                 VARCHAR(16)  NOT NULL,
    token_nonce            VARCHAR(43)  NOT NULL,
    token_digest           CHAR(64)     NOT NULL,
    created_at             DATETIME(6) NOT NULL,
    expires_at             DATETIME(6) NOT NULL,
    used_at                DATETIME(6),
    CONSTRAINT pi_password_reset_digest_uk UNIQUE (token_digest)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX pi_password_reset_account_ix ON pi_password_reset (account_id, created_at);
CREATE INDEX pi_password_reset_expiry_ix ON pi_password_reset (expires_at);
