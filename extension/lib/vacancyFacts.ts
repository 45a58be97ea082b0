/**
 * The vacancy's band, staff group and closing date as its pages print them, remembered per vacancy
 * from whichever screen shows them: many systems print them on the vacancy's list or application
 * pages but not on the interview screen or the outcome report, where the panel check and the
 * outcome capture need them. What the page shows now always wins. Not personal data: facts about
 * a post, kept in this browser like the criteria (docs/site-profiles.md, "vacancy").
 */
import type { SiteProfile } from "@fair-shortlist/shared/siteProfile";
import { readValue } from "./profileRead";
import { KEYS, type Storage } from "./storage";

export const REMEMBERED_FACTS = ["jobTitle", "band", "staffGroup", "closingDate"] as const;
export type RememberedFact = (typeof REMEMBERED_FACTS)[number];
export type SeenFacts = Partial<Record<RememberedFact, string>>;

/** What this page shows and, for what it does not, what another screen of the vacancy showed; `remembered` names the latter. */
export interface VacancyFactsSeen {
  facts: SeenFacts;
  remembered: RememberedFact[];
}

/** Merge the page's facts over the stored ones (pure). */
export function mergeFacts(page: SeenFacts, stored: SeenFacts): VacancyFactsSeen {
  const facts: SeenFacts = {};
  const remembered: RememberedFact[] = [];
  for (const k of REMEMBERED_FACTS) {
    const p = page[k];
    const s = typeof stored?.[k] === "string" ? stored[k] : undefined;
    if (p) facts[k] = p;
    else if (s) {
      facts[k] = s;
      remembered.push(k);
    }
  }
  return { facts, remembered };
}

/** Reads the facts on this page, keeps any new ones for the vacancy, and returns them with what was seen before. */
export async function vacancyFactsSeen(profile: SiteProfile, storage: Storage, reference: string, doc: Document = document, url: string = location.href): Promise<VacancyFactsSeen> {
  const page: SeenFacts = {};
  for (const k of REMEMBERED_FACTS) {
    const v = readValue(profile.vacancy[k], doc, url);
    if (v) page[k] = v.slice(0, 200);
  }
  const key = KEYS.vacancyFacts(profile.id, reference);
  const stored = await storage.get<SeenFacts>(key, {});
  const next = { ...stored, ...page };
  if (JSON.stringify(next) !== JSON.stringify(stored)) await storage.set(key, next);
  return mergeFacts(page, stored);
}
