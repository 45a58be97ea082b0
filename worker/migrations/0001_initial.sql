-- fair-shortlist schema. Designed for ~1M vacancy records (5 years, ~220 trusts): see docs/scaling.md.
-- Only anonymised counts and yes/no outcomes are stored (docs/domain.md, "Privacy").

-- Organisations that submit anonymised recruitment outcomes. `seq` is the compact internal key
-- used by the big tables; `id` is the public identifier ("org_" + 20 hex chars).
CREATE TABLE orgs (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  ods_code TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- API tokens of an organisation. Only the SHA-256 of the token is kept (hex), looked up by hash.
CREATE TABLE tokens (
  id TEXT PRIMARY KEY,
  org_seq INTEGER NOT NULL REFERENCES orgs (seq) ON DELETE CASCADE,
  scope TEXT NOT NULL CHECK (scope IN ('submit', 'read')),
  hash TEXT NOT NULL UNIQUE,
  -- First characters of the token ("fs_read_AbCd"), so an admin can tell tokens apart.
  prefix TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  revoked_at TEXT
);
CREATE INDEX tokens_by_org_scope ON tokens (org_seq, scope);

-- One row per (organisation, vacancy): a resubmission replaces the row (UPSERT), so nothing
-- is ever double counted. `fy` is the start year of the NHS financial year of closing_date
-- (2024 = 2024/25), stored so filters and the summary need no date arithmetic.
CREATE TABLE outcomes (
  org_seq INTEGER NOT NULL REFERENCES orgs (seq) ON DELETE CASCADE,
  vacancy_key TEXT NOT NULL,
  closing_date TEXT NOT NULL,
  fy INTEGER NOT NULL,
  band TEXT NOT NULL,
  staff_group TEXT NOT NULL CHECK (staff_group IN ('clinical', 'nonClinical')),
  white_shortlisted INTEGER NOT NULL CHECK (white_shortlisted >= 0),
  white_appointed INTEGER NOT NULL CHECK (white_appointed BETWEEN 0 AND white_shortlisted),
  bme_shortlisted INTEGER NOT NULL CHECK (bme_shortlisted >= 0),
  bme_appointed INTEGER NOT NULL CHECK (bme_appointed BETWEEN 0 AND bme_shortlisted),
  not_stated_shortlisted INTEGER NOT NULL CHECK (not_stated_shortlisted >= 0),
  not_stated_appointed INTEGER NOT NULL CHECK (not_stated_appointed BETWEEN 0 AND not_stated_shortlisted),
  -- Panel outcome: all NULL when none was submitted. panel_failed is a JSON array of rule ids.
  panel_applies INTEGER CHECK (panel_applies IN (0, 1)),
  panel_met INTEGER CHECK (panel_met IN (0, 1)),
  panel_failed TEXT,
  structured_shortlisting INTEGER CHECK (structured_shortlisting IN (0, 1)),
  structured_interview INTEGER CHECK (structured_interview IN (0, 1)),
  -- 1 on first insert, +1 on every replacement: RETURNING revision tells 201 from 200 atomically.
  revision INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  PRIMARY KEY (org_seq, vacancy_key)
) WITHOUT ROWID;
-- Date-range queries (from/to) scan one organisation's rows in closing-date order.
CREATE INDEX outcomes_by_org_date ON outcomes (org_seq, closing_date);

-- Pre-aggregated counts per (organisation, financial year, band, staff group): indicators and the
-- national benchmark read O(cells) rows instead of O(vacancies). Maintained by the triggers
-- below inside the same statement (and so the same D1 batch/transaction) as the outcome write.
CREATE TABLE outcome_cells (
  org_seq INTEGER NOT NULL,
  fy INTEGER NOT NULL,
  band TEXT NOT NULL,
  staff_group TEXT NOT NULL,
  vacancies INTEGER NOT NULL,
  white_shortlisted INTEGER NOT NULL,
  white_appointed INTEGER NOT NULL,
  bme_shortlisted INTEGER NOT NULL,
  bme_appointed INTEGER NOT NULL,
  not_stated_shortlisted INTEGER NOT NULL,
  not_stated_appointed INTEGER NOT NULL,
  panel_recorded INTEGER NOT NULL,
  panel_applies INTEGER NOT NULL,
  panel_met INTEGER NOT NULL,
  PRIMARY KEY (org_seq, fy, band, staff_group)
) WITHOUT ROWID;
CREATE INDEX outcome_cells_by_fy ON outcome_cells (fy, org_seq);

-- How often each panel rule failed, per cell (only vacancies where the rule applied).
CREATE TABLE panel_rule_failures (
  org_seq INTEGER NOT NULL,
  fy INTEGER NOT NULL,
  band TEXT NOT NULL,
  staff_group TEXT NOT NULL,
  rule TEXT NOT NULL,
  failures INTEGER NOT NULL,
  PRIMARY KEY (org_seq, fy, band, staff_group, rule)
) WITHOUT ROWID;

CREATE TRIGGER outcomes_add_to_cells AFTER INSERT ON outcomes
BEGIN
  INSERT INTO outcome_cells VALUES (
    NEW.org_seq, NEW.fy, NEW.band, NEW.staff_group, 1,
    NEW.white_shortlisted, NEW.white_appointed, NEW.bme_shortlisted, NEW.bme_appointed,
    NEW.not_stated_shortlisted, NEW.not_stated_appointed,
    NEW.panel_applies IS NOT NULL, coalesce(NEW.panel_applies, 0), coalesce(NEW.panel_applies AND NEW.panel_met, 0)
  ) ON CONFLICT (org_seq, fy, band, staff_group) DO UPDATE SET
    vacancies = vacancies + 1,
    white_shortlisted = white_shortlisted + excluded.white_shortlisted,
    white_appointed = white_appointed + excluded.white_appointed,
    bme_shortlisted = bme_shortlisted + excluded.bme_shortlisted,
    bme_appointed = bme_appointed + excluded.bme_appointed,
    not_stated_shortlisted = not_stated_shortlisted + excluded.not_stated_shortlisted,
    not_stated_appointed = not_stated_appointed + excluded.not_stated_appointed,
    panel_recorded = panel_recorded + excluded.panel_recorded,
    panel_applies = panel_applies + excluded.panel_applies,
    panel_met = panel_met + excluded.panel_met;
  INSERT INTO panel_rule_failures
    SELECT NEW.org_seq, NEW.fy, NEW.band, NEW.staff_group, value, 1 FROM json_each(NEW.panel_failed)
    WHERE NEW.panel_applies = 1
  ON CONFLICT (org_seq, fy, band, staff_group, rule) DO UPDATE SET failures = failures + 1;
END;

CREATE TRIGGER outcomes_remove_from_cells AFTER DELETE ON outcomes
BEGIN
  UPDATE outcome_cells SET
    vacancies = vacancies - 1,
    white_shortlisted = white_shortlisted - OLD.white_shortlisted,
    white_appointed = white_appointed - OLD.white_appointed,
    bme_shortlisted = bme_shortlisted - OLD.bme_shortlisted,
    bme_appointed = bme_appointed - OLD.bme_appointed,
    not_stated_shortlisted = not_stated_shortlisted - OLD.not_stated_shortlisted,
    not_stated_appointed = not_stated_appointed - OLD.not_stated_appointed,
    panel_recorded = panel_recorded - (OLD.panel_applies IS NOT NULL),
    panel_applies = panel_applies - coalesce(OLD.panel_applies, 0),
    panel_met = panel_met - coalesce(OLD.panel_applies AND OLD.panel_met, 0)
  WHERE org_seq = OLD.org_seq AND fy = OLD.fy AND band = OLD.band AND staff_group = OLD.staff_group;
  DELETE FROM outcome_cells
  WHERE org_seq = OLD.org_seq AND fy = OLD.fy AND band = OLD.band AND staff_group = OLD.staff_group AND vacancies = 0;
  UPDATE panel_rule_failures SET failures = failures - 1
  WHERE OLD.panel_applies = 1 AND org_seq = OLD.org_seq AND fy = OLD.fy AND band = OLD.band
    AND staff_group = OLD.staff_group AND rule IN (SELECT value FROM json_each(OLD.panel_failed));
  DELETE FROM panel_rule_failures
  WHERE org_seq = OLD.org_seq AND fy = OLD.fy AND band = OLD.band AND staff_group = OLD.staff_group AND failures = 0;
END;

-- A replacement (UPSERT's DO UPDATE) moves the old record's counts out of its cell and the new in.
CREATE TRIGGER outcomes_move_between_cells AFTER UPDATE ON outcomes
BEGIN
  UPDATE outcome_cells SET
    vacancies = vacancies - 1,
    white_shortlisted = white_shortlisted - OLD.white_shortlisted,
    white_appointed = white_appointed - OLD.white_appointed,
    bme_shortlisted = bme_shortlisted - OLD.bme_shortlisted,
    bme_appointed = bme_appointed - OLD.bme_appointed,
    not_stated_shortlisted = not_stated_shortlisted - OLD.not_stated_shortlisted,
    not_stated_appointed = not_stated_appointed - OLD.not_stated_appointed,
    panel_recorded = panel_recorded - (OLD.panel_applies IS NOT NULL),
    panel_applies = panel_applies - coalesce(OLD.panel_applies, 0),
    panel_met = panel_met - coalesce(OLD.panel_applies AND OLD.panel_met, 0)
  WHERE org_seq = OLD.org_seq AND fy = OLD.fy AND band = OLD.band AND staff_group = OLD.staff_group;
  DELETE FROM outcome_cells
  WHERE org_seq = OLD.org_seq AND fy = OLD.fy AND band = OLD.band AND staff_group = OLD.staff_group AND vacancies = 0;
  UPDATE panel_rule_failures SET failures = failures - 1
  WHERE OLD.panel_applies = 1 AND org_seq = OLD.org_seq AND fy = OLD.fy AND band = OLD.band
    AND staff_group = OLD.staff_group AND rule IN (SELECT value FROM json_each(OLD.panel_failed));
  DELETE FROM panel_rule_failures
  WHERE org_seq = OLD.org_seq AND fy = OLD.fy AND band = OLD.band AND staff_group = OLD.staff_group AND failures = 0;
  INSERT INTO outcome_cells VALUES (
    NEW.org_seq, NEW.fy, NEW.band, NEW.staff_group, 1,
    NEW.white_shortlisted, NEW.white_appointed, NEW.bme_shortlisted, NEW.bme_appointed,
    NEW.not_stated_shortlisted, NEW.not_stated_appointed,
    NEW.panel_applies IS NOT NULL, coalesce(NEW.panel_applies, 0), coalesce(NEW.panel_applies AND NEW.panel_met, 0)
  ) ON CONFLICT (org_seq, fy, band, staff_group) DO UPDATE SET
    vacancies = vacancies + 1,
    white_shortlisted = white_shortlisted + excluded.white_shortlisted,
    white_appointed = white_appointed + excluded.white_appointed,
    bme_shortlisted = bme_shortlisted + excluded.bme_shortlisted,
    bme_appointed = bme_appointed + excluded.bme_appointed,
    not_stated_shortlisted = not_stated_shortlisted + excluded.not_stated_shortlisted,
    not_stated_appointed = not_stated_appointed + excluded.not_stated_appointed,
    panel_recorded = panel_recorded + excluded.panel_recorded,
    panel_applies = panel_applies + excluded.panel_applies,
    panel_met = panel_met + excluded.panel_met;
  INSERT INTO panel_rule_failures
    SELECT NEW.org_seq, NEW.fy, NEW.band, NEW.staff_group, value, 1 FROM json_each(NEW.panel_failed)
    WHERE NEW.panel_applies = 1
  ON CONFLICT (org_seq, fy, band, staff_group, rule) DO UPDATE SET failures = failures + 1;
END;
