/** From the overlay's draft to the payload the API receives: validate, then key the vacancy. */
import { OutcomeSubmissionSchema, type OutcomeSubmission } from "@fair-shortlist/shared/schemas/api";
import { issuesOf } from "../settings/orgSettings";
import { loadSettings } from "../settings/store";
import type { Failure } from "./protocol";
import { OutcomeDraftSchema } from "./outcomeDraft";
import { orgSecretProblem, vacancyKey } from "@fair-shortlist/shared/vacancyKey";

export async function buildSubmission(body: unknown): Promise<{ ok: true; payload: OutcomeSubmission } | Failure> {
  const draft = OutcomeDraftSchema.safeParse(body);
  if (!draft.success) return { ok: false, error: "The outcome is incomplete or invalid.", issues: issuesOf(draft.error, body) };
  const { orgSecret } = await loadSettings();
  const problem = orgSecretProblem(orgSecret);
  if (problem) return { ok: false, error: problem };
  const { reference, ...facts } = draft.data;
  // Built field by field: only what OutcomeSubmissionSchema allows can ever be sent.
  const payload = OutcomeSubmissionSchema.parse({ vacancyKey: await vacancyKey(reference, orgSecret!), ...facts });
  return { ok: true, payload };
}
