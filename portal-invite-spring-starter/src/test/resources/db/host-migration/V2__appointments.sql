-- the host's second migration
CREATE TABLE appointment (
    id         BIGINT PRIMARY KEY,
    patient_id VARCHAR(40) NOT NULL REFERENCES patient (id),
    starts_at  TIMESTAMP NOT NULL
);
