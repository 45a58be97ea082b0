/**
 * The WDES metric 2 view: the same headline, counts, breakdowns and trend as WRES indicator 2
 * (standard.ts), plus what only disability has: how many vacancies recorded it at all, the
 * not-declared share, the Disability Confident guaranteed-interview figure, and its own
 * definitions. Everything reaches the DOM as text (dom.ts).
 */
import { h, replaceChildren, byId, table } from "./dom";
import { headline, percent, plural } from "./headline";
import { breakdownView, countsTable, headlineView, NOT_RECORDED, publicationTable, recordedOf, trendView, WDES, WDES_PUB_COUNTS, withheldText, type ViewContext } from "./standard";
import type { GuaranteedInterview, Wdes2Figures, Wdes2Response, WdesPublicationResponse } from "./types";

export interface WdesData {
  byBand: Wdes2Response;
  byStaffGroup: Wdes2Response;
  byYear: Wdes2Response;
}

/** The sentence the issue and NHS England's definition require on the page: which way the ratio reads. */
export const WDES_DIRECTION =
  "WDES metric 2 is non-disabled over Disabled, as NHS England defines it: above 1.00, non-disabled shortlisted applicants were more likely to be appointed than Disabled shortlisted applicants; below 1.00, Disabled applicants were the more likely. (WRES indicator 2 reads the same way round: white over BME.)";

/** "Vacancies with disability recorded: 3 of 4 in the period", and what the others mean. */
export function recordedPhrase(f: Pick<Wdes2Figures, "vacancies" | "vacanciesInPeriod">): string {
  const missing = f.vacanciesInPeriod - f.vacancies;
  const lead = `Vacancies with disability recorded: ${recordedOf(f)} in the period.`;
  if (f.vacanciesInPeriod === 0) return `${lead} No vacancy has a closing date in the period.`;
  if (f.vacancies === 0) return `${lead} Disability was not recorded for any of them, so WDES metric 2 cannot be given for this period: that is "not recorded", not zero.`;
  if (missing === 0) return `${lead} Every vacancy in the period recorded it.`;
  return `${lead} The ${plural(missing, "other vacancy", "other vacancies")} did not record disability and ${missing === 1 ? "is" : "are"} left out of the metric (not recorded, not counted as zero); WRES indicator 2 still counts ${missing === 1 ? "it" : "them"}.`;
}

/** "Not declared: 12 of 300 shortlisted applicants (4.0%) …", or "" without shortlisted applicants. */
export function notDeclaredPhrase(f: Wdes2Figures): string {
  const c = f.counts;
  const nd = c.notDeclared?.shortlisted ?? 0;
  const total = (c.disabled.shortlisted ?? 0) + (c.notDisabled.shortlisted ?? 0) + nd;
  if (total === 0) return "";
  return (
    `Not declared: ${nd} of ${plural(total, "shortlisted applicant")} (${percent(nd / total)}) did not say whether they are disabled; ` +
    "they are left out of the metric. Declaration rates are low, so a large share here means the metric describes only those who declared."
  );
}

/** The Disability Confident guaranteed-interview figure, or why there is none. */
export function guaranteedInterviewNodes(gi: GuaranteedInterview, level: number): Node[] {
  const interval = gi.ci ? `${level}% interval ${percent(gi.ci.lower)}–${percent(gi.ci.upper)}` : "";
  return [
    h("p", { id: "wdes-gi-text", class: gi.share === null ? "" : "headline" }, gi.text),
    gi.share !== null ? h("p", { id: "wdes-gi-share" }, `Share interviewed: ${percent(gi.share)}${interval ? ` (${interval}, Wilson score)` : ""}.`) : null,
    h(
      "p",
      { id: "wdes-gi-vacancies", class: "hint" },
      `From ${plural(gi.vacancies, "vacancy", "vacancies")} that recorded guaranteed-interview decisions at shortlisting; a vacancy that did not is not recorded, not zero.`,
    ),
  ].filter((n): n is HTMLParagraphElement => n !== null);
}

/** What metric 2 is, which way it reads, what "not declared" means and where the counts come from. */
export function wdesDefinitions(threshold: number): Node[] {
  return [
    h(
      "p",
      { id: "wdes-definition" },
      'WDES metric 2 (Workforce Disability Equality Standard): "relative likelihood of non-disabled applicants being appointed from shortlisting compared to Disabled applicants". ' +
        "It is the share of non-disabled shortlisted applicants who were appointed, divided by the share of Disabled shortlisted applicants who were appointed, " +
        "over vacancies with a closing date in the period; 1.00 is parity. The interval, significance, four-fifths reading and shortfall are worked out exactly as for WRES indicator 2.",
    ),
    h("p", { id: "wdes-direction" }, WDES_DIRECTION),
    h(
      "p",
      { id: "wdes-not-declared" },
      '"Not declared": the applicant did not say whether they are disabled, or preferred not to say. They are counted and shown, and left out of the ratio, as WRES leaves out "not stated".',
    ),
    h(
      "p",
      { id: "wdes-source" },
      "Where the counts come from: the disability each applicant gave on the application, counted per vacancy in the browser (the extension at outcome, or the import of a recruitment-system export) and sent as counts only. " +
        'A vacancy sent without disability counts is "not recorded" for WDES: it is left out of this metric and still counts for WRES indicator 2. ' +
        `Exact counts for your own analysts; a figure where a Disabled or non-disabled count is between 1 and ${threshold - 1} is marked "small numbers: treat with caution". ` +
        "The guaranteed-interview figure: of applicants under the Disability Confident scheme who met the essential criteria, the share invited to interview.",
    ),
  ];
}

/** Fills the WDES panel's sections from the three responses (overall with band, staff group and year breakdowns). */
export function renderWdes(ctx: ViewContext, data: WdesData, ytd: boolean, width: (el: HTMLElement) => number): void {
  const f = data.byBand.overall;
  const years = data.byYear.breakdown ?? [];
  byId("wdes-headline-title").textContent = `WDES metric 2${ctx.period ? ` for ${ctx.period}` : ""}`;
  const recorded = h("p", { id: "wdes-recorded" }, recordedPhrase(f));
  const notDeclared = notDeclaredPhrase(f);
  replaceChildren(
    byId("wdes-headline-body"),
    h("p", { class: "hint", id: "wdes-audience" }, "Own figures: exact counts for your organisation's analysts, not for publication."),
    ...(WDES.notRecorded(f) ? [h("p", { class: "headline", id: "wdes-headline-text" }, `WDES metric 2 ${ctx.period ? `for ${ctx.period} ` : ""}is ${NOT_RECORDED}.`)] : headlineView(WDES, ctx, f, years, ytd)),
    recorded,
    notDeclared ? h("p", { id: "wdes-not-declared-share" }, notDeclared) : null,
    countsTable(WDES, ctx, f),
    h("p", { class: "hint", id: "wdes-headline-definition" }, WDES.definition),
    // The API's Mantel-Haenszel figure over the bands (each band a stratum): whether the mix of bands explains the gap.
    WDES.notRecorded(f) ? null : h("h3", {}, "Allowing for the mix of bands"),
    WDES.notRecorded(f) ? null : h("p", { id: "wdes-adjusted" }, data.byBand.adjustedForBand.interpretation.text),
  );
  replaceChildren(byId("wdes-gi-body"), ...guaranteedInterviewNodes(data.byBand.guaranteedInterview, ctx.level));
  const band = byId("wdes-band-body");
  replaceChildren(band, ...breakdownView(WDES, ctx, "wdes-band-body", data.byBand.breakdown ?? [], "band", width(band)));
  const group = byId("wdes-group-body");
  replaceChildren(group, ...breakdownView(WDES, ctx, "wdes-group-body", data.byStaffGroup.breakdown ?? [], "staff group", width(group)));
  const trend = byId("wdes-trend-body");
  replaceChildren(trend, ...trendView(WDES, ctx, years, [], width(trend)));
  replaceChildren(byId("wdes-method-body"), ...wdesDefinitions(ctx.threshold ?? 5));
}

type GuaranteedInterviewRow = WdesPublicationResponse["tables"]["guaranteedInterview"][number];

/** The guaranteed-interview figure per complete year, for publication: withheld rows never show a count. */
function guaranteedInterviewTable(ctx: ViewContext, rows: GuaranteedInterviewRow[]): HTMLTableElement {
  return table(
    "Disability Confident guaranteed interviews by financial year (for publication)",
    ["Financial year", "Eligible (met the essential criteria)", "Invited to interview", `Share invited (${ctx.level}% interval)`, "Vacancies"],
    rows.map((r) => {
      if (r.suppressed) {
        const w = withheldText(r.suppressionCode, ctx.threshold);
        return [r.year, w, w, h("span", { class: "suppressed" }, w), w];
      }
      const f = r.figure;
      if (!f) return [r.year, NOT_RECORDED, NOT_RECORDED, NOT_RECORDED, NOT_RECORDED];
      const share = f.share === null ? "not available" : `${percent(f.share)}${f.ci ? ` (${percent(f.ci.lower)}–${percent(f.ci.upper)})` : ""}`;
      return [r.year, String(f.eligible), String(f.interviewed), share, String(f.vacancies)];
    }),
  );
}

/** WDES metric 2's publication tables (GET /v1/report/wdes2) for the chosen year, and the method note the API publishes with them. */
export function renderWdesPublication(ctx: ViewContext, pub: WdesPublicationResponse): void {
  const year = ctx.year;
  const inYear = <T extends { year: string }>(rows: T[]) => rows.filter((r) => r.year === year);
  const now = pub.tables.year.find((r) => r.year === year);
  const withheld = [...inYear(pub.tables.band), ...inYear(pub.tables.staffGroup), ...(now ? [now] : [])].filter((r) => r.suppressed).length;
  replaceChildren(
    byId("wdes-publication-body"),
    h(
      "p",
      { id: "wdes-publication-intro" },
      `Tables of WDES metric 2 that may be published for ${pub.org.name}: complete financial years only, vacancies that recorded disability only, small numbers withheld at the trust's threshold of ${pub.threshold} (counts 1 to ${pub.threshold - 1}), with further rows withheld so that none can be worked out from the others. ${plural(withheld, "row")} for ${year ?? "this year"} ${withheld === 1 ? "is" : "are"} withheld.`,
    ),
    pub.notPublished.length ? h("p", { class: "hint" }, pub.notPublished.map((n) => `${n.year}: ${n.reason}`).join(" ")) : null,
    now && !now.suppressed ? h("p", { class: "headline", id: "wdes-publication-headline" }, headline(now, { period: now.year, labels: WDES.labels }).main) : null,
    h("h3", {}, "By financial year"),
    publicationTable(WDES, ctx, "WDES metric 2 by financial year (for publication)", "Financial year", pub.tables.year, WDES_PUB_COUNTS),
    h("h3", {}, `By band, ${year ?? ""}`),
    publicationTable(WDES, ctx, `WDES metric 2 by band, ${year ?? ""} (for publication; 8b and above grouped)`, "Band", inYear(pub.tables.band), WDES_PUB_COUNTS),
    h("h3", {}, `By staff group, ${year ?? ""}`),
    publicationTable(WDES, ctx, `WDES metric 2 by staff group, ${year ?? ""} (for publication)`, "Staff group", inYear(pub.tables.staffGroup), WDES_PUB_COUNTS),
    h("h3", {}, "Guaranteed interviews"),
    guaranteedInterviewTable(ctx, pub.tables.guaranteedInterview),
  );
  replaceChildren(
    byId("wdes-method-body"),
    h("p", { id: "wdes-direction" }, WDES_DIRECTION),
    h("p", { id: "wdes-method-note" }, pub.method),
  );
}

export const WDES_BODIES = ["wdes-headline-body", "wdes-gi-body", "wdes-band-body", "wdes-group-body", "wdes-trend-body", "wdes-method-body", "wdes-publication-body"];
