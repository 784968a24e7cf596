-- The sample table the JDBC source connector publishes (connect-init/connectors/postgres-customers-source.json).
-- PostgreSQL's image runs this once, when its data volume is first initialised.
CREATE TABLE customers (
    id         SERIAL PRIMARY KEY,
    name       VARCHAR(100) NOT NULL,
    email      VARCHAR(200),
    country    CHAR(2),
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

INSERT INTO customers (name, email, country) VALUES
    ('Alice Martin', 'alice@example.com', 'FR'),
    ('Bob Okafor', NULL, 'NG'),
    ('Chloé Dubois', 'chloe@example.com', 'BE');
