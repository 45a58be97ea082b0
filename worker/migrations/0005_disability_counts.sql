-- WDES metric 2: shortlisted and appointed by disability, beside the ethnicity counts. Nullable:
-- a vacancy stored without disability counts is "not recorded" for WDES, never zero, and the six
-- columns are either all set or all null (the API sends them together). No summary cells or
-- triggers: the WDES route sums the raw rows over the (org_seq, ...) index, and the WRES cells,
-- totals and triggers are untouched, so nothing here can change a WRES figure.
ALTER TABLE outcomes ADD COLUMN disabled_shortlisted INTEGER CHECK (disabled_shortlisted >= 0);
ALTER TABLE outcomes ADD COLUMN disabled_appointed INTEGER CHECK (disabled_appointed >= 0);
ALTER TABLE outcomes ADD COLUMN not_disabled_shortlisted INTEGER CHECK (not_disabled_shortlisted >= 0);
ALTER TABLE outcomes ADD COLUMN not_disabled_appointed INTEGER CHECK (not_disabled_appointed >= 0);
ALTER TABLE outcomes ADD COLUMN not_declared_shortlisted INTEGER CHECK (not_declared_shortlisted >= 0);
ALTER TABLE outcomes ADD COLUMN not_declared_appointed INTEGER CHECK (not_declared_appointed >= 0);
