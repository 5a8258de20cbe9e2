-- Segregation of duties: who performed which guarded action on which document
-- (platform/access/segregation.hpp). A user performing an action again on the same document
-- keeps the first row; the rule check only asks whether a row exists.
CREATE TABLE performed_duties (
    company_id BIGINT NOT NULL REFERENCES companies (id),
    document_type TEXT NOT NULL,
    document_id TEXT NOT NULL,
    user_id BIGINT NOT NULL,
    action TEXT NOT NULL,
    at_us BIGINT NOT NULL,
    PRIMARY KEY (company_id, document_type, document_id, user_id, action)
);
