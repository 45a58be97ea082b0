-- Facts about one vacancy sent by different browsers at different times, joined on
-- (organisation, vacancy key): the panel check from the chair's browser when it is recorded,
-- "structured scoring was used" from shortlisters' and panellists' browsers, the counts from HR's
-- (the outcomes table). Any order, any browser, idempotent (docs/outcome-capture.md).
-- Only yes/no facts and rule ids: never who is on the panel, never a score.
CREATE TABLE vacancy_facts (
  org_seq INTEGER NOT NULL REFERENCES orgs (seq) ON DELETE CASCADE,
  vacancy_key TEXT NOT NULL,
  -- Panel check: all NULL until one is recorded. The latest recording wins (panel_recorded_at),
  -- so a delayed older one arriving late changes nothing.
  panel_applies INTEGER CHECK (panel_applies IN (0, 1)),
  panel_met INTEGER CHECK (panel_met IN (0, 1)),
  panel_failed TEXT,
  panel_recorded_at TEXT,
  -- Structured scoring per stage: NULL = nothing recorded, 1 = used. *_completed: every applicant
  -- (or candidate) was scored and submitted. Once 1, stays 1 (a fact cannot be un-happened), so
  -- reports from several shortlisters combine in any order.
  shortlisting_structured INTEGER CHECK (shortlisting_structured IN (0, 1)),
  shortlisting_completed INTEGER CHECK (shortlisting_completed IN (0, 1)),
  interview_structured INTEGER CHECK (interview_structured IN (0, 1)),
  interview_completed INTEGER CHECK (interview_completed IN (0, 1)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  PRIMARY KEY (org_seq, vacancy_key)
) WITHOUT ROWID;

-- Facts that came with outcomes before this migration become facts of their own.
INSERT INTO vacancy_facts (org_seq, vacancy_key, panel_applies, panel_met, panel_failed, panel_recorded_at,
    shortlisting_structured, interview_structured)
  SELECT org_seq, vacancy_key, panel_applies, panel_met, panel_failed,
    CASE WHEN panel_applies IS NULL THEN NULL ELSE updated_at END,
    CASE WHEN structured_shortlisting = 1 THEN 1 END, CASE WHEN structured_interview = 1 THEN 1 END
  FROM outcomes
  WHERE panel_applies IS NOT NULL OR structured_shortlisting = 1 OR structured_interview = 1;

-- The outcome row mirrors its facts, so the summary cells (and with them panel compliance) follow
-- a panel check that arrives after the counts. The outcomes triggers move the cell counts.
CREATE TRIGGER vacancy_facts_to_outcome_insert AFTER INSERT ON vacancy_facts
BEGIN
  UPDATE outcomes SET panel_applies = NEW.panel_applies, panel_met = NEW.panel_met, panel_failed = NEW.panel_failed,
    structured_shortlisting = NEW.shortlisting_structured, structured_interview = NEW.interview_structured
  WHERE org_seq = NEW.org_seq AND vacancy_key = NEW.vacancy_key;
END;
CREATE TRIGGER vacancy_facts_to_outcome_update AFTER UPDATE ON vacancy_facts
BEGIN
  UPDATE outcomes SET panel_applies = NEW.panel_applies, panel_met = NEW.panel_met, panel_failed = NEW.panel_failed,
    structured_shortlisting = NEW.shortlisting_structured, structured_interview = NEW.interview_structured
  WHERE org_seq = NEW.org_seq AND vacancy_key = NEW.vacancy_key;
END;

-- Panel and shortlister sync (opt-in per organisation): ciphertext only. Each entry is one
-- assessor's scores and notes for one item (a candidate at interview, or a vacancy's shortlist),
-- AES-GCM encrypted in the browser under a key derived from the organisation secret and the
-- vacancy reference, which this server never holds (docs/privacy.md). item_key is an HMAC of the
-- item under that secret; assessor_id is random per browser and vacancy, not a name.
CREATE TABLE sync_assessors (
  org_seq INTEGER NOT NULL REFERENCES orgs (seq) ON DELETE CASCADE,
  vacancy_key TEXT NOT NULL,
  assessor_id TEXT NOT NULL,
  -- SHA-256 of the assessor's proof: only the browser that first wrote under this id can write,
  -- read colleagues' entries or delete as it.
  proof_hash TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  PRIMARY KEY (org_seq, vacancy_key, assessor_id)
) WITHOUT ROWID;

CREATE TABLE sync_entries (
  org_seq INTEGER NOT NULL REFERENCES orgs (seq) ON DELETE CASCADE,
  vacancy_key TEXT NOT NULL,
  item_key TEXT NOT NULL,
  assessor_id TEXT NOT NULL,
  -- 1 = the submission; each later change is a new, visible revision, never an overwrite.
  revision INTEGER NOT NULL CHECK (revision >= 1),
  iv TEXT NOT NULL,
  ciphertext TEXT NOT NULL,
  submitted_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  -- 90 days after the vacancy's closing date (or after the first submission when later).
  expires_at TEXT NOT NULL,
  PRIMARY KEY (org_seq, vacancy_key, item_key, assessor_id, revision)
) WITHOUT ROWID;
CREATE INDEX sync_entries_by_expiry ON sync_entries (org_seq, expires_at);
