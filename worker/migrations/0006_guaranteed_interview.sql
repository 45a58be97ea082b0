-- The Disability Confident guaranteed-interview figure (WDES): per vacancy, of applicants under
-- the scheme who meet every essential criterion, how many were shortlisted for interview. Sent by
-- the shortlisting overlay as two counts (never who), joined on (organisation, vacancy key) like
-- the panel check; the latest recording wins (gi_recorded_at), so a delayed older one changes
-- nothing. NULL: not recorded for the vacancy (never read as zero).
ALTER TABLE vacancy_facts ADD COLUMN gi_eligible INTEGER CHECK (gi_eligible >= 0);
ALTER TABLE vacancy_facts ADD COLUMN gi_interviewed INTEGER CHECK (gi_interviewed >= 0 AND gi_interviewed <= gi_eligible);
ALTER TABLE vacancy_facts ADD COLUMN gi_recorded_at TEXT;
