import type { OutcomeSubmission } from "@fair-shortlist/shared/schemas/api";
import { createOrg, key, postAll } from "./helpers";

/**
 * Four hand-made vacancies for the mutation tests of the breakdowns, filters, date ranges and the
 * CSV export (every expected figure in those tests is summed by hand from this table). Bands are
 * chosen so that the reader's order (Under band 1, Band 7, Consultant) differs from the database's
 * text order ("7" < "consultant" < "under1"), and the first staff group stored is the non-clinical one.
 *
 *   V1 2024-05-10 band 7          non-clinical  white 10/3  BME 8/1  not stated 2/0  disability 4/1, 14/3, 2/0
 *   V2 2024-08-20 consultant      clinical      white  6/2  BME 6/2  not stated 0/0  disability 2/1, 10/3, 0/0
 *   V3 2025-02-01 under band 1    clinical      white  4/1  BME 5/0  not stated 1/1  (no disability counts)
 *   V4 2023-11-01 band 7          clinical      white  5/1  BME 5/1  not stated 0/0  disability 1/0,  9/2, 0/0
 */
export type Pair = [number, number];
const group = ([shortlisted, appointed]: Pair) => ({ shortlisted, appointed });
export const eth = (w: Pair, b: Pair, n: Pair) => ({ white: group(w), bme: group(b), notStated: group(n) });
export const dis = (d: Pair, nd: Pair, nk: Pair) => ({ disabled: group(d), notDisabled: group(nd), notDeclared: group(nk) });

export async function fixture(label: string) {
  const org = await createOrg(label);
  const v = async (id: string, over: Partial<OutcomeSubmission>): Promise<OutcomeSubmission> => ({
    vacancyKey: await key(`${label}-${id}`),
    closingDate: "2024-06-15",
    band: "6",
    staffGroup: "clinical",
    counts: eth([1, 0], [1, 0], [0, 0]),
    ...over,
  });
  await postAll(org.submit, [
    await v("V1", { closingDate: "2024-05-10", band: "7", staffGroup: "nonClinical", counts: eth([10, 3], [8, 1], [2, 0]), disabilityCounts: dis([4, 1], [14, 3], [2, 0]) }),
    await v("V2", { closingDate: "2024-08-20", band: "consultant", staffGroup: "clinical", counts: eth([6, 2], [6, 2], [0, 0]), disabilityCounts: dis([2, 1], [10, 3], [0, 0]) }),
    await v("V3", { closingDate: "2025-02-01", band: "under1", staffGroup: "clinical", counts: eth([4, 1], [5, 0], [1, 1]) }),
    await v("V4", { closingDate: "2023-11-01", band: "7", staffGroup: "clinical", counts: eth([5, 1], [5, 1], [0, 0]), disabilityCounts: dis([1, 0], [9, 2], [0, 0]) }),
  ]);
  return org;
}

