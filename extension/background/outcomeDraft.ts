/**
 * What the outcome-capture overlay hands over: the raw vacancy reference (turned into a
 * vacancyKey in the background, where the organisation secret lives, and never stored or sent
 * as text) and the anonymised facts. Validated in the background (submission.ts); kept out of
 * protocol.ts so the content script, which only sends drafts, builds no zod schemas.
 */
import * as z from "zod";
import { DISABILITY_TOTALS_RULE, OUTCOME_FACT_FIELDS, disabilityTotalsAgree } from "@fair-shortlist/shared/schemas/api";

export const OutcomeDraftSchema = z
  .strictObject({
    reference: z.string().trim().min(1, "the vacancy reference is missing").max(200),
    ...OUTCOME_FACT_FIELDS,
  })
  .refine(disabilityTotalsAgree, DISABILITY_TOTALS_RULE);
export type OutcomeDraft = z.infer<typeof OutcomeDraftSchema>;

/** A vacancyKey as the messages about one submission carry it (VacancyKeySchema's form). */
export const VACANCY_KEY_PATTERN = /^[0-9a-f]{64}$/;
