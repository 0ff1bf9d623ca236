-- Sign-in budgets (token buckets per client address and per known device), shared by every node.
-- id: an opaque digest key; state: Bucket4j's serialised bucket; expires_at: epoch milliseconds
-- after which the bucket is full again and the row may be deleted.
CREATE TABLE pi_sign_in_budget (
    id VARCHAR(64) NOT NULL PRIMARY KEY,
    state VARBINARY(4096),
    expires_at BIGINT
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX pi_sign_in_budget_expires ON pi_sign_in_budget (expires_at);
