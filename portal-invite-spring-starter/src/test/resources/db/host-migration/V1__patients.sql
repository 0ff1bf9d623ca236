-- the host's own first migration: its patient records
CREATE TABLE patient (
    id          VARCHAR(40) PRIMARY KEY,
    given_name  VARCHAR(100) NOT NULL,
    family_name VARCHAR(100) NOT NULL
);
