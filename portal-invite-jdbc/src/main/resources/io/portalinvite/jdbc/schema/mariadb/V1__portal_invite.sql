-- portal-invite schema, version 1, MariaDB 10.6+ (InnoDB, utf8mb4).
-- Times are UTC instants in DATETIME(6) columns (bound as UTC LocalDateTime, independent of the
-- session time zone). Ids are UUID text. The raw invitation token is never stored: only its SHA-256
-- digest (token_digest) and the nonce it was derived from with a key that is not in the database.

CREATE TABLE pi_settings (
    practice_id            VARCHAR(128) NOT NULL PRIMARY KEY,
    enabled                BOOLEAN      NOT NULL,
    practice_name          VARCHAR(100) NOT NULL,
    invitation_link_base   VARCHAR(2048) NOT NULL,
    invitation_lifetime_ms BIGINT       NOT NULL,
    sms_notice             BOOLEAN      NOT NULL,
    sender_address         VARCHAR(254),
    sender_name            VARCHAR(100),
    reply_to               VARCHAR(254),
    locale                 VARCHAR(35)  NOT NULL,
    time_zone              VARCHAR(64)  NOT NULL,
    phone_region           VARCHAR(2)   NOT NULL,
    password_min_length    INTEGER      NOT NULL,
    password_max_length    INTEGER      NOT NULL,
    dob_check              BOOLEAN      NOT NULL,
    max_dob_attempts       INTEGER      NOT NULL,
    max_resends_per_hour   INTEGER      NOT NULL,
    max_resends_per_day    INTEGER      NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE pi_invitation (
    id                     VARCHAR(36)  NOT NULL PRIMARY KEY,
    practice_id            VARCHAR(128) NOT NULL,
    patient_id             VARCHAR(128) NOT NULL,
    patient_given_name     VARCHAR(400) NOT NULL,
    patient_family_name    VARCHAR(400) NOT NULL,
    patient_birth_date     DATE         NOT NULL,
    patient_email          VARCHAR(254),
    patient_mobile         VARCHAR(16),
    invitee_kind           VARCHAR(16)  NOT NULL,
    invitee_given_name     VARCHAR(400) NOT NULL,
    invitee_family_name    VARCHAR(400) NOT NULL,
    invitee_email          VARCHAR(254) NOT NULL,
    invitee_email_key      VARCHAR(254) NOT NULL,
    invitee_mobile         VARCHAR(16),
    relationship           VARCHAR(16),
    channels               VARCHAR(32)  NOT NULL,
    origin                 VARCHAR(32)  NOT NULL,
    status                 VARCHAR(16)  NOT NULL,
    token_nonce            VARCHAR(43)  NOT NULL,
    token_digest           CHAR(64)     NOT NULL,
    issued_at              DATETIME(6) NOT NULL,
    expires_at             DATETIME(6) NOT NULL,
    created_at             DATETIME(6) NOT NULL,
    created_by             VARCHAR(128) NOT NULL,
    resend_count           INTEGER      NOT NULL,
    dob_failures           INTEGER      NOT NULL,
    accepted_at            DATETIME(6),
    revoked_at             DATETIME(6),
    revocation_reason      VARCHAR(32),
    updated_at             DATETIME(6) NOT NULL,
    version                BIGINT       NOT NULL,
    -- practice|patient|invitee email key while the invitation is open, NULL once closed: at most one
    -- open invitation per patient and invitee, on every database (NULLs never collide)
    open_key               VARCHAR(520),
    CONSTRAINT pi_invitation_token_digest_uk UNIQUE (token_digest),
    CONSTRAINT pi_invitation_open_key_uk UNIQUE (open_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX pi_invitation_patient_ix ON pi_invitation (practice_id, patient_id, created_at);

CREATE TABLE pi_account (
    id                     VARCHAR(36)  NOT NULL PRIMARY KEY,
    email                  VARCHAR(254) NOT NULL,
    email_key              VARCHAR(254) NOT NULL,
    password_hash          VARCHAR(512) NOT NULL,
    status                 VARCHAR(16)  NOT NULL,
    failed_logins          INTEGER      NOT NULL,
    throttled_until        DATETIME(6),
    created_at             DATETIME(6) NOT NULL,
    last_login_at          DATETIME(6),
    password_changed_at    DATETIME(6) NOT NULL,
    version                BIGINT       NOT NULL,
    CONSTRAINT pi_account_email_key_uk UNIQUE (email_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE pi_access (
    id                     VARCHAR(36)  NOT NULL PRIMARY KEY,
    account_id             VARCHAR(36)  NOT NULL,
    practice_id            VARCHAR(128) NOT NULL,
    patient_id             VARCHAR(128) NOT NULL,
    kind                   VARCHAR(16)  NOT NULL,
    relationship           VARCHAR(16),
    granted_at             DATETIME(6) NOT NULL,
    granted_by             VARCHAR(128) NOT NULL,
    invitation_id          VARCHAR(36),
    ends_on                DATE,
    revoked_at             DATETIME(6),
    CONSTRAINT pi_access_account_fk FOREIGN KEY (account_id) REFERENCES pi_account (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX pi_access_account_ix ON pi_access (account_id, granted_at);
CREATE INDEX pi_access_patient_ix ON pi_access (practice_id, patient_id, granted_at);

CREATE TABLE pi_outbox (
    id                     VARCHAR(36)  NOT NULL PRIMARY KEY,
    practice_id            VARCHAR(128) NOT NULL,
    invitation_id          VARCHAR(36)  NOT NULL,
    kind                   VARCHAR(32)  NOT NULL,
    recipient              VARCHAR(254) NOT NULL,
    token_nonce            VARCHAR(43)  NOT NULL,
    status                 VARCHAR(16)  NOT NULL,
    attempts               INTEGER      NOT NULL,
    next_attempt_at        DATETIME(6) NOT NULL,
    claim_id               VARCHAR(36),
    lease_until            DATETIME(6),
    last_error             VARCHAR(500),
    created_at             DATETIME(6) NOT NULL,
    sent_at                DATETIME(6),
    internet_message_id    VARCHAR(255) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX pi_outbox_due_ix ON pi_outbox (status, next_attempt_at);
CREATE INDEX pi_outbox_invitation_ix ON pi_outbox (invitation_id, created_at);

CREATE TABLE pi_audit (
    id                     VARCHAR(36)  NOT NULL PRIMARY KEY,
    seq                    BIGINT       NOT NULL AUTO_INCREMENT UNIQUE,
    occurred_at            DATETIME(6) NOT NULL,
    practice_id            VARCHAR(128),
    action                 VARCHAR(40)  NOT NULL,
    actor                  VARCHAR(200) NOT NULL,
    outcome                VARCHAR(16)  NOT NULL,
    patient_id             VARCHAR(128),
    invitation_id          VARCHAR(36),
    account_id             VARCHAR(36),
    channel                VARCHAR(16),
    details                VARCHAR(4000) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX pi_audit_patient_ix ON pi_audit (practice_id, patient_id, occurred_at, seq);
CREATE INDEX pi_audit_invitation_ix ON pi_audit (invitation_id, occurred_at, seq);
