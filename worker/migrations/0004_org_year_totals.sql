-- Per (financial year, organisation) totals for the national benchmark, which needs every
-- organisation's year at once: ~220 rows a year instead of summing ~36 cells of each (docs/scaling.md).
-- Maintained by the triggers below in the same statement as the outcome write, like outcome_cells.
CREATE TABLE org_year_totals (
  fy INTEGER NOT NULL,
  org_seq INTEGER NOT NULL,
  vacancies INTEGER NOT NULL,
  white_shortlisted INTEGER NOT NULL,
  white_appointed INTEGER NOT NULL,
  bme_shortlisted INTEGER NOT NULL,
  bme_appointed INTEGER NOT NULL,
  not_stated_shortlisted INTEGER NOT NULL,
  not_stated_appointed INTEGER NOT NULL,
  PRIMARY KEY (fy, org_seq)
) WITHOUT ROWID;

INSERT INTO org_year_totals
  SELECT fy, org_seq, SUM(vacancies), SUM(white_shortlisted), SUM(white_appointed), SUM(bme_shortlisted),
    SUM(bme_appointed), SUM(not_stated_shortlisted), SUM(not_stated_appointed)
  FROM outcome_cells GROUP BY fy, org_seq;

CREATE TRIGGER outcomes_add_to_org_year AFTER INSERT ON outcomes
BEGIN
  INSERT INTO org_year_totals VALUES (
    NEW.fy, NEW.org_seq, 1, NEW.white_shortlisted, NEW.white_appointed, NEW.bme_shortlisted, NEW.bme_appointed,
    NEW.not_stated_shortlisted, NEW.not_stated_appointed
  ) ON CONFLICT (fy, org_seq) DO UPDATE SET
    vacancies = vacancies + 1,
    white_shortlisted = white_shortlisted + excluded.white_shortlisted,
    white_appointed = white_appointed + excluded.white_appointed,
    bme_shortlisted = bme_shortlisted + excluded.bme_shortlisted,
    bme_appointed = bme_appointed + excluded.bme_appointed,
    not_stated_shortlisted = not_stated_shortlisted + excluded.not_stated_shortlisted,
    not_stated_appointed = not_stated_appointed + excluded.not_stated_appointed;
END;

CREATE TRIGGER outcomes_remove_from_org_year AFTER DELETE ON outcomes
BEGIN
  UPDATE org_year_totals SET
    vacancies = vacancies - 1,
    white_shortlisted = white_shortlisted - OLD.white_shortlisted,
    white_appointed = white_appointed - OLD.white_appointed,
    bme_shortlisted = bme_shortlisted - OLD.bme_shortlisted,
    bme_appointed = bme_appointed - OLD.bme_appointed,
    not_stated_shortlisted = not_stated_shortlisted - OLD.not_stated_shortlisted,
    not_stated_appointed = not_stated_appointed - OLD.not_stated_appointed
  WHERE fy = OLD.fy AND org_seq = OLD.org_seq;
  DELETE FROM org_year_totals WHERE fy = OLD.fy AND org_seq = OLD.org_seq AND vacancies = 0;
END;

CREATE TRIGGER outcomes_move_between_org_years AFTER UPDATE ON outcomes
BEGIN
  UPDATE org_year_totals SET
    vacancies = vacancies - 1,
    white_shortlisted = white_shortlisted - OLD.white_shortlisted,
    white_appointed = white_appointed - OLD.white_appointed,
    bme_shortlisted = bme_shortlisted - OLD.bme_shortlisted,
    bme_appointed = bme_appointed - OLD.bme_appointed,
    not_stated_shortlisted = not_stated_shortlisted - OLD.not_stated_shortlisted,
    not_stated_appointed = not_stated_appointed - OLD.not_stated_appointed
  WHERE fy = OLD.fy AND org_seq = OLD.org_seq;
  DELETE FROM org_year_totals WHERE fy = OLD.fy AND org_seq = OLD.org_seq AND vacancies = 0;
  INSERT INTO org_year_totals VALUES (
    NEW.fy, NEW.org_seq, 1, NEW.white_shortlisted, NEW.white_appointed, NEW.bme_shortlisted, NEW.bme_appointed,
    NEW.not_stated_shortlisted, NEW.not_stated_appointed
  ) ON CONFLICT (fy, org_seq) DO UPDATE SET
    vacancies = vacancies + 1,
    white_shortlisted = white_shortlisted + excluded.white_shortlisted,
    white_appointed = white_appointed + excluded.white_appointed,
    bme_shortlisted = bme_shortlisted + excluded.bme_shortlisted,
    bme_appointed = bme_appointed + excluded.bme_appointed,
    not_stated_shortlisted = not_stated_shortlisted + excluded.not_stated_shortlisted,
    not_stated_appointed = not_stated_appointed + excluded.not_stated_appointed;
END;

-- failedRules is a set (the API refuses a rule named twice). Rows stored before that rule held a
-- repeated rule counted twice in panel_rule_failures and removed once on delete: spell each such
-- row as a set, then recount panel_rule_failures from the raw rows, one per vacancy and rule.
UPDATE outcomes SET panel_failed = (SELECT json_group_array(value) FROM (SELECT DISTINCT value FROM json_each(outcomes.panel_failed)))
WHERE panel_failed IS NOT NULL
  AND (SELECT COUNT(*) FROM json_each(outcomes.panel_failed)) <> (SELECT COUNT(DISTINCT value) FROM json_each(outcomes.panel_failed));
DELETE FROM panel_rule_failures;
INSERT INTO panel_rule_failures
  SELECT org_seq, fy, band, staff_group, j.value, COUNT(DISTINCT vacancy_key)
  FROM outcomes, json_each(outcomes.panel_failed) AS j WHERE panel_applies = 1
  GROUP BY org_seq, fy, band, staff_group, j.value;
