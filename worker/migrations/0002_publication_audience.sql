-- Disclosure by audience (docs/privacy.md, "Who sees what"): a `report` token scope for readers of
-- published outputs, and the threshold the trust publishes at (5, or the NHS preset 8).
ALTER TABLE orgs ADD COLUMN publication_threshold INTEGER NOT NULL DEFAULT 5 CHECK (publication_threshold IN (5, 8));

-- SQLite cannot change a CHECK constraint in place: rebuild tokens with 'report' allowed. Nothing
-- references tokens, so dropping the old table is safe; ids, hashes and dates are copied as they are.
CREATE TABLE tokens_new (
  id TEXT PRIMARY KEY,
  org_seq INTEGER NOT NULL REFERENCES orgs (seq) ON DELETE CASCADE,
  scope TEXT NOT NULL CHECK (scope IN ('submit', 'read', 'report')),
  hash TEXT NOT NULL UNIQUE,
  prefix TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  revoked_at TEXT
);
INSERT INTO tokens_new (id, org_seq, scope, hash, prefix, created_at, revoked_at)
  SELECT id, org_seq, scope, hash, prefix, created_at, revoked_at FROM tokens;
DROP TABLE tokens;
ALTER TABLE tokens_new RENAME TO tokens;
CREATE INDEX tokens_by_org_scope ON tokens (org_seq, scope);
