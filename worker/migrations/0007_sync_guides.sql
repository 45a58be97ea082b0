-- The vacancy's review guide shared through sync (opt-in per organisation): what poor, partial,
-- good and strong evidence looks like per criterion, written by the recruiting manager and read by
-- colleagues while they score. AES-GCM ciphertext only, under the same per-vacancy key as the
-- score entries (derived in the browser from the organisation secret, which this server never
-- holds), with its own additional data ("guide:..."), so a score entry cannot pass for a guide.
--
-- Its own table, not a row of sync_entries: the guide is meant to be read before an assessor has
-- submitted anything, and a read of this table can only ever return a guide, never a colleague's
-- score entry (those stay behind the "submit your own first" rule in sync_entries).
-- One row per vacancy: a later revision from the same author replaces the earlier one, and its
-- revision number (shown to colleagues) only goes up. author_id is bound to its proof through
-- sync_assessors, so only the browser that first published can publish again.
CREATE TABLE sync_guides (
  org_seq INTEGER NOT NULL REFERENCES orgs (seq) ON DELETE CASCADE,
  vacancy_key TEXT NOT NULL,
  author_id TEXT NOT NULL,
  revision INTEGER NOT NULL CHECK (revision >= 1),
  iv TEXT NOT NULL,
  ciphertext TEXT NOT NULL,
  submitted_at TEXT NOT NULL,
  -- 90 days after the vacancy's closing date (or after the publication when later), as sync_entries.
  expires_at TEXT NOT NULL,
  PRIMARY KEY (org_seq, vacancy_key)
) WITHOUT ROWID;
CREATE INDEX sync_guides_by_expiry ON sync_guides (org_seq, expires_at);
