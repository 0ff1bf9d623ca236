-- The authenticators an account holds beside its password, and the practice's second-factor policy.
-- pi_totp: one authenticator app per account; sealed_secret is AES-GCM ciphertext under the host's
-- key (never the secret); last_used_step is the last accepted time step (-1 none), so no code is
-- accepted twice.
CREATE TABLE pi_totp (
    account_id             VARCHAR(36)  NOT NULL PRIMARY KEY,
    sealed_secret          VARBINARY(256) NOT NULL,
    created_at             TIMESTAMP(6) NOT NULL,
    confirmed_at           TIMESTAMP(6),
    last_used_step         BIGINT       NOT NULL,
    last_used_at           TIMESTAMP(6),
    CONSTRAINT pi_totp_account_fk FOREIGN KEY (account_id) REFERENCES pi_account (id)
);

-- pi_recovery_code: SHA-256 digests of one-time recovery codes; used_at set once.
CREATE TABLE pi_recovery_code (
    account_id             VARCHAR(36)  NOT NULL,
    code_digest            VARCHAR(43)  NOT NULL,
    created_at             TIMESTAMP(6) NOT NULL,
    used_at                TIMESTAMP(6),
    PRIMARY KEY (account_id, code_digest),
    CONSTRAINT pi_recovery_code_account_fk FOREIGN KEY (account_id) REFERENCES pi_account (id)
);

-- pi_passkey: WebAuthn credentials; credential_id is base64url (up to 1023 bytes); the signature
-- counter only increases.
CREATE TABLE pi_passkey (
    credential_id          VARCHAR(1364) NOT NULL PRIMARY KEY,
    account_id             VARCHAR(36)   NOT NULL,
    public_key_cose        VARBINARY(2048) NOT NULL,
    signature_count        BIGINT        NOT NULL,
    transports             VARCHAR(300)  NOT NULL,
    user_handle            VARCHAR(86)   NOT NULL,
    label                  VARCHAR(128)  NOT NULL,
    created_at             TIMESTAMP(6)  NOT NULL,
    last_used_at           TIMESTAMP(6),
    CONSTRAINT pi_passkey_account_fk FOREIGN KEY (account_id) REFERENCES pi_account (id)
);
CREATE INDEX pi_passkey_account_ix ON pi_passkey (account_id, created_at);

-- OFF, OPTIONAL or REQUIRED; NULL follows the host's default.
ALTER TABLE pi_settings ADD COLUMN second_factor VARCHAR(16);
