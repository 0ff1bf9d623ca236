-- portal-invite schema, version 2: practices' own wording of the message templates.
CREATE TABLE pi_template (
    practice_id            VARCHAR(128) NOT NULL,
    name                   VARCHAR(40)  NOT NULL,
    locale                 VARCHAR(35)  NOT NULL,
    source                 CHARACTER LARGE OBJECT NOT NULL,
    CONSTRAINT pi_template_pk PRIMARY KEY (practice_id, name, locale)
);
