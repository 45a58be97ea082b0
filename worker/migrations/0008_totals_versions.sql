-- A version per financial year of org_year_totals, changed (to a fresh random value) by every write
-- that changes any organisation's totals for that year. The national benchmark route reads it with
-- its token lookup and serves a response it computed before only when the version is the same, so a
-- repeat read needs neither the ~220 totals rows nor the computation (docs/benchmarks.md), and any
-- write, by anyone, makes the next read fresh. Random rather than counting up: a database restored
-- from a backup, or a test database made anew, can never meet a cached response of other data under
-- the same version.
CREATE TABLE totals_versions (
  fy INTEGER PRIMARY KEY,
  version INTEGER NOT NULL
);

INSERT INTO totals_versions SELECT DISTINCT fy, random() FROM org_year_totals;

CREATE TRIGGER org_year_totals_version_on_insert AFTER INSERT ON org_year_totals
BEGIN
  INSERT INTO totals_versions (fy, version) VALUES (NEW.fy, random())
    ON CONFLICT (fy) DO UPDATE SET version = excluded.version;
END;

CREATE TRIGGER org_year_totals_version_on_update AFTER UPDATE ON org_year_totals
BEGIN
  INSERT INTO totals_versions (fy, version) VALUES (OLD.fy, random())
    ON CONFLICT (fy) DO UPDATE SET version = excluded.version;
  INSERT INTO totals_versions (fy, version) VALUES (NEW.fy, random())
    ON CONFLICT (fy) DO UPDATE SET version = excluded.version;
END;

CREATE TRIGGER org_year_totals_version_on_delete AFTER DELETE ON org_year_totals
BEGIN
  INSERT INTO totals_versions (fy, version) VALUES (OLD.fy, random())
    ON CONFLICT (fy) DO UPDATE SET version = excluded.version;
END;
