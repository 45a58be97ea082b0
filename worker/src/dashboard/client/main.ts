/**
 * The dashboard page: sign-in, figures, charts, export and import. Everything the API or an
 * imported file says reaches the page through textContent (dom.ts), never as HTML.
 *
 * The read token lives in sessionStorage (this tab only, gone when it closes) and travels
 * only in the Authorization header, never in a URL. The submit token and the organisation
 * secret used by the import are held in memory for one send and never stored.
 */
import { bandLabel, type Band } from "@fair-shortlist/shared/bands";
import { byId, h, replaceChildren, table } from "./dom";
import { SMALL_NUMBERS_TEXT } from "@fair-shortlist/shared/disclosure";
import { barChart, funnelChart, intervalChart } from "./charts";
import { headline, percent, plural, ratioCell, suppressedLabel, formatRatio } from "./headline";
import { NATIONAL_WRES2 } from "./scales";
import { initImport } from "./import/ui";
import { isCompleteYear, methodNote } from "@fair-shortlist/shared/publication";
import { breakdownTable, breakdownView, countsTable, changePhrase, headlineView, publicationTable, rowOf, trendView, withheldText, WRES, WRES_PUB_COUNTS, type ViewContext } from "./standard";
import { renderWdes, renderWdesPublication, WDES_BODIES, type WdesData } from "./wdes";
import type { BenchmarkResponse, ByInterventionResponse, ComplianceResponse, OrgResponse, PublicationResponse, Wdes2Response, WdesPublicationResponse, Wres2Figures, Wres2Response } from "./types";

const TOKEN_KEY = "fair-shortlist.readToken";

const RULE_LABELS: Record<string, string> = {
  minPanelSize: "Panel has enough members",
  ethnicMinorityMember: "A member from an ethnic minority background",
  trainedMember: "A member trained in recruitment and selection",
  independentMember: "An independent or external member",
  genderMix: "A gender mix on the panel",
  inclusionAmbassador: "An inclusion ambassador on the panel",
};

class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

interface State {
  token: string | null;
  org: OrgResponse | null;
  year: string | null;
  level: number;
  threshold: number | undefined;
  /** The "for publication" switch: on, the page shows only the publication audience's tables. */
  publication: boolean;
  pub: PublicationResponse | null;
  data: {
    byBand?: Wres2Response;
    byStaffGroup?: Wres2Response;
    byYear?: Wres2Response;
    benchmark?: BenchmarkResponse | null;
    compliance?: ComplianceResponse | null;
    interventions?: ByInterventionResponse | null;
  };
  load: AbortController | null;
  /** Which standard's tab is shown; kept in the address (?standard=wdes) so a link or reload keeps it. */
  standard: StandardId;
  wdes: WdesData | null;
  wdesPub: WdesPublicationResponse | null;
}

type StandardId = "wres" | "wdes";
const STANDARD_PARAM = "standard";

const state: State = { token: null, org: null, year: null, level: 95, threshold: undefined, publication: false, pub: null, data: {}, load: null, standard: standardFromUrl(), wdes: null, wdesPub: null };

function standardFromUrl(): StandardId {
  return new URLSearchParams(location.search).get(STANDARD_PARAM) === "wdes" ? "wdes" : "wres";
}

const today = () => new Date().toISOString().slice(0, 10);
const startOf = (fy: string) => Number(fy.slice(0, 4));
/** A financial year that has not ended: its figures are a year to date. */
const isYearToDate = (fy: string | null) => fy !== null && !isCompleteYear(startOf(fy), today());
// Everything with own (exact) figures: hidden under "For publication".
const OWN_SECTIONS = ["headline", "trend", "breakdowns", "benchmark", "compliance", "interventions", "import"];

async function api<T>(path: string, init: RequestInit & { token?: string } = {}): Promise<Response & { json(): Promise<T> }> {
  const token = init.token ?? state.token;
  const headers = new Headers(init.headers);
  if (token) headers.set("authorization", `Bearer ${token}`);
  const res = await fetch(path, { ...init, headers, cache: "no-store", credentials: "omit", referrerPolicy: "no-referrer" });
  if (!res.ok) {
    let message = `The server answered ${res.status}.`;
    let issues: { path: string; message: string }[] = [];
    try {
      const body = (await res.json()) as { error?: { message?: string; issues?: { path: string; message: string }[] } };
      if (body.error?.message) message = body.error.message;
      issues = body.error?.issues ?? [];
    } catch {}
    throw new ApiError(res.status, message, issues);
  }
  return res;
}

async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  return (await api<T>(path, { signal })).json();
}

function status(message: string): void {
  byId("status").textContent = message;
}

// ---------------------------------------------------------------------------
// Sign-in

function showSignedIn(signedIn: boolean): void {
  byId("signin").hidden = signedIn;
  byId("app").hidden = !signedIn;
  byId("signout").hidden = !signedIn;
  byId("org-name").hidden = !signedIn;
}

async function signIn(token: string): Promise<void> {
  const error = byId("signin-error");
  error.hidden = true;
  try {
    const org = await (await api<OrgResponse>("/v1/org", { token })).json();
    if (org.scope === "submit") throw new ApiError(403, "This is a submit token. Sign in with your organisation's read or report token.");
    state.token = token;
    state.org = org;
    // A report token reads the publication tables only: the switch is on and cannot be turned off.
    const box = byId<HTMLInputElement>("publication");
    state.publication = org.scope === "report" || box.checked;
    box.checked = state.publication;
    box.disabled = org.scope === "report";
    sessionStorage.setItem(TOKEN_KEY, token);
    byId("org-name").textContent = `${org.org.name} (${org.org.odsCode})`;
    byId<HTMLInputElement>("token").value = "";
    showSignedIn(true);
    fillYears(org.data.financialYears);
    await refresh();
    byId("main-heading").focus();
  } catch (e) {
    state.token = null;
    sessionStorage.removeItem(TOKEN_KEY);
    showSignedIn(false);
    error.textContent =
      e instanceof ApiError && e.status === 401
        ? "That token was not accepted. Check you copied the whole token (it starts fs_read_ or fs_report_)."
        : `Could not sign in: ${(e as Error).message}`;
    error.hidden = false;
    byId("token").focus();
  }
}

function signOut(message = "You have signed out."): void {
  state.load?.abort();
  state.token = null;
  state.org = null;
  state.data = {};
  sessionStorage.removeItem(TOKEN_KEY);
  showSignedIn(false);
  state.pub = null;
  for (const id of ["headline-body", "trend-body", "band-body", "group-body", "benchmark-body", "compliance-body", "publication-body", "method-body", "interventions-body", ...WDES_BODIES]) replaceChildren(byId(id));
  state.wdes = null;
  state.wdesPub = null;
  const error = byId("signin-error");
  error.textContent = message;
  error.hidden = false;
  byId("token").focus();
}

/**
 * The year selector, newest first. A year that has not ended is labelled "year to date" and is not
 * the default when a complete year exists (a board paper should not open on a part year); in the
 * publication view it is not offered at all.
 */
function fillYears(years: string[]): void {
  const select = byId<HTMLSelectElement>("year");
  const shown = state.publication ? years.filter((y) => !isYearToDate(y)) : years;
  replaceChildren(select, ...shown.map((y) => h("option", { value: y }, isYearToDate(y) ? `${y} (year to date)` : y)));
  if (shown.length === 0) select.append(h("option", { value: "" }, state.publication ? "No complete year yet" : "No data yet"));
  const keep = state.year && shown.includes(state.year) ? state.year : null;
  state.year = keep ?? shown.find((y) => !isYearToDate(y)) ?? shown[0] ?? null;
  select.value = state.year ?? "";
}

// ---------------------------------------------------------------------------
// Loading figures

function query(params: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== "") q.set(k, String(v));
  return q.toString();
}

function showView(): void {
  const wdes = state.standard === "wdes";
  for (const [id, on] of [["wres", !wdes], ["wdes", wdes]] as const) {
    const tab = byId(`tab-${id}`);
    tab.setAttribute("aria-selected", String(on));
    tab.tabIndex = on ? 0 : -1;
    byId(`panel-${id}`).hidden = !on;
  }
  for (const li of document.querySelectorAll<HTMLElement>("nav.contents li[data-standard]")) li.hidden = li.dataset.standard !== state.standard;
  byId("publication-view").hidden = !state.publication;
  for (const id of OWN_SECTIONS) byId(id).hidden = state.publication;
  byId("wdes-publication-view").hidden = !state.publication;
  for (const id of WDES_OWN_SECTIONS) byId(id).hidden = state.publication;
  const name = wdes ? "WDES" : "WRES";
  byId("download-csv").textContent = state.publication ? `Download CSV of the ${name} publication tables` : `Download CSV for the ${name} return`;
}

/** Shows one standard's tab, remembers it in the address, and loads its figures. */
function selectStandard(id: StandardId, focus = false): void {
  if (focus) byId(`tab-${id}`).focus();
  if (state.standard === id) return;
  state.standard = id;
  const url = new URL(location.href);
  if (id === "wdes") url.searchParams.set(STANDARD_PARAM, id);
  else url.searchParams.delete(STANDARD_PARAM);
  history.replaceState(history.state, "", url);
  if (state.token) void refresh();
  else showView();
}

/** WAI-ARIA tabs: arrows move between the tabs (and select them), Home and End go to the first and last. */
function onTabKey(ev: KeyboardEvent): void {
  const order: StandardId[] = ["wres", "wdes"];
  const i = order.indexOf(state.standard);
  const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: order.length - 1 }[ev.key];
  if (next === undefined) return;
  ev.preventDefault();
  selectStandard(order[(next + order.length) % order.length]!, true);
}

const WDES_OWN_SECTIONS = ["wdes-headline", "wdes-gi", "wdes-breakdowns", "wdes-trend"];

/** The WDES tab: the organisation's own figures (read token), or for publication what the server offers. */
async function refreshWdes(load: AbortController): Promise<void> {
  const { year, level } = state;
  if (state.publication) {
    const pub = await getJson<WdesPublicationResponse>(`/v1/report/wdes2?${query({ level })}`, load.signal);
    if (load.signal.aborted) return;
    state.wdesPub = pub;
    state.threshold = pub.threshold;
    renderWdesPublicationView();
    status(`Showing the WDES metric 2 publication tables for ${year ?? "complete years"} at ${level}% confidence.`);
    return;
  }
  status(`Loading WDES metric 2 for ${year ?? "all years"} at ${level}% confidence…`);
  const [byBand, byStaffGroup, byYear] = await Promise.all([
    getJson<Wdes2Response>(`/v1/indicators/wdes2?${query({ year, level, by: "band" })}`, load.signal),
    getJson<Wdes2Response>(`/v1/indicators/wdes2?${query({ year, level, by: "staffGroup" })}`, load.signal),
    getJson<Wdes2Response>(`/v1/indicators/wdes2?${query({ level, by: "year" })}`, load.signal),
  ]);
  if (load.signal.aborted) return;
  state.wdes = { byBand, byStaffGroup, byYear };
  state.threshold = byBand.suppression.threshold;
  renderWdesView();
  status(`Showing WDES metric 2 for ${year ?? "all years"} at ${level}% confidence.`);
}

function renderWdesPublicationView(): void {
  if (!state.wdesPub) return;
  renderWdesPublication(viewContext(), state.wdesPub);
  byId("report-date").textContent = `Printed ${today()}; WDES metric 2 for publication; ${state.level}% confidence intervals.`;
}

function renderWdesView(): void {
  if (!state.wdes) return;
  renderWdes(viewContext(), state.wdes, isYearToDate(state.year), chartWidth);
  byId("report-date").textContent = `Printed ${today()}; WDES metric 2; ${state.level}% confidence intervals${isYearToDate(state.year) ? `; ${state.year} is a year to date` : ""}.`;
}

async function refreshPublication(load: AbortController): Promise<void> {
  const pub = await getJson<PublicationResponse>(`/v1/report/wres2?${query({ level: state.level })}`, load.signal);
  if (load.signal.aborted) return;
  state.pub = pub;
  state.threshold = pub.threshold;
  renderPublication();
  renderMethod();
  byId("report-date").textContent = `Printed ${today()}; for publication; ${state.level}% confidence intervals.`;
  status(`Showing the publication tables for ${state.year ?? "complete years"} at ${state.level}% confidence.`);
}

async function refresh(): Promise<void> {
  state.load?.abort();
  const load = new AbortController();
  state.load = load;
  const { year, level } = state;
  showView();
  byId("app").setAttribute("aria-busy", "true");
  if (state.standard === "wdes") {
    try {
      await refreshWdes(load);
    } catch (e) {
      if (isAbort(e)) return;
      if (e instanceof ApiError && e.status === 401) return signOut("Your token is no longer accepted (it may have been rotated). Sign in again.");
      status(`Could not load WDES metric 2: ${(e as Error).message}`);
    } finally {
      if (state.load === load) byId("app").removeAttribute("aria-busy");
    }
    return;
  }
  if (state.publication) {
    try {
      await refreshPublication(load);
    } catch (e) {
      if (isAbort(e)) return;
      if (e instanceof ApiError && e.status === 401) return signOut("Your token is no longer accepted (it may have been rotated). Sign in again.");
      status(`Could not load the publication tables: ${(e as Error).message}`);
    } finally {
      if (state.load === load) byId("app").removeAttribute("aria-busy");
    }
    return;
  }
  status(`Loading figures for ${year ?? "all years"} at ${level}% confidence…`);
  try {
    const [byBand, byStaffGroup, byYear, benchmark, compliance, interventions] = await Promise.all([
      getJson<Wres2Response>(`/v1/indicators/wres2?${query({ year, level, by: "band" })}`, load.signal),
      getJson<Wres2Response>(`/v1/indicators/wres2?${query({ year, level, by: "staffGroup" })}`, load.signal),
      getJson<Wres2Response>(`/v1/indicators/wres2?${query({ level, by: "year" })}`, load.signal),
      getJson<BenchmarkResponse>(`/v1/indicators/wres2/benchmark?${query({ year, level })}`, load.signal).catch((e) => (isAbort(e) ? Promise.reject(e) : null)),
      getJson<ComplianceResponse>(`/v1/panels/compliance?${query({ year })}`, load.signal).catch((e) => (isAbort(e) ? Promise.reject(e) : null)),
      getJson<ByInterventionResponse>(`/v1/indicators/wres2/by-intervention?${query({ year, level })}`, load.signal).catch((e) => (isAbort(e) ? Promise.reject(e) : null)),
    ]);
    if (load.signal.aborted) return;
    state.data = { byBand, byStaffGroup, byYear, benchmark, compliance, interventions };
    state.threshold = byBand.suppression?.threshold;
    render();
    status(`Showing ${year ?? "all years"} at ${level}% confidence.`);
  } catch (e) {
    if (isAbort(e)) return;
    if (e instanceof ApiError && e.status === 401) return signOut("Your token is no longer accepted (it may have been rotated). Sign in again.");
    status(`Could not load the figures: ${(e as Error).message}`);
  } finally {
    if (state.load === load) byId("app").removeAttribute("aria-busy");
  }
}

function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === "AbortError";
}

// ---------------------------------------------------------------------------
// Rendering

function chartWidth(container: HTMLElement): number {
  return Math.max(260, Math.min(900, Math.floor(container.clientWidth || 640)));
}

function render(): void {
  renderHeadline();
  renderTrend();
  renderBreakdown("band-body", state.data.byBand, "band");
  renderBreakdown("group-body", state.data.byStaffGroup, "staff group");
  renderBenchmark();
  renderCompliance();
  renderInterventions();
  renderMethod();
  byId("report-date").textContent = `Printed ${today()}; ${state.level}% confidence intervals${isYearToDate(state.year) ? `; ${state.year} is a year to date` : ""}.`;
}

/** The page's level, year and threshold, as the shared views (standard.ts) read them. */
function viewContext(): ViewContext {
  const ytd = isYearToDate(state.year);
  return { level: state.level, threshold: state.threshold, year: state.year, period: state.year ? `${state.year}${ytd ? " (year to date)" : ""}` : undefined };
}

function renderHeadline(): void {
  const data = state.data.byBand;
  const body = byId("headline-body");
  if (!data) return replaceChildren(body);
  const f = data.overall;
  const ctx = viewContext();
  byId("headline-title").textContent = `Headline${ctx.period ? ` for ${ctx.period}` : ""}`;
  replaceChildren(
    body,
    ...headlineView(WRES, ctx, f, state.data.byYear?.breakdown ?? [], isYearToDate(state.year)),
    f.vacancies !== undefined && f.vacancies !== null ? h("p", {}, `Based on ${plural(f.vacancies, "vacancy", "vacancies")} with a closing date in the period.`) : null,
    countsTable(WRES, ctx, f),
    h("p", { class: "hint" }, WRES.definition),
  );
}

function renderBreakdown(id: string, data: Wres2Response | undefined, kind: "band" | "staff group"): void {
  const body = byId(id);
  replaceChildren(body, ...breakdownView(WRES, viewContext(), id, data?.breakdown ?? [], kind, chartWidth(body)));
}

function renderTrend(): void {
  const body = byId("trend-body");
  const items = state.data.byYear?.breakdown ?? [];
  replaceChildren(
    body,
    ...trendView(WRES, viewContext(), items, NATIONAL_WRES2, chartWidth(body)),
    table(
      "Published national figures (NHS England WRES reports)",
      ["Report", "National relative likelihood"],
      NATIONAL_WRES2.map((n) => [n.label, n.value.toFixed(2)]),
    ),
  );
}

function renderBenchmark(): void {
  const body = byId("benchmark-body");
  const b = state.data.benchmark;
  if (!b) return replaceChildren(body, h("p", {}, "The benchmark against organisations using fair-shortlist is not available for this period."));
  const centre = b.funnel?.centre ?? b.national.pooled?.relativeLikelihood ?? b.national.relativeLikelihood;
  const youText = b.you.included
    ? `Your organisation: ${formatRatio(b.you.relativeLikelihood)}; ${positionText(b.you.position)}.`
    : `Your organisation is not in the funnel: it needs at least ${b.inclusion?.minimumShortlistedPerGroup ?? "20"} shortlisted and ${b.inclusion?.minimumAppointedPerGroup ?? "5"} appointed in each group.`;
  const national = `Organisations using fair-shortlist, ${b.year ?? ""}: ${formatRatio(b.national.relativeLikelihood)} across ${plural(b.national.organisations, "other organisation")}${
    b.national.pooled?.relativeLikelihood ? ` (pooled across organisations: ${formatRatio(b.national.pooled.relativeLikelihood)})` : ""
  }. This is not NHS England's national figure, which covers every trust.`;
  const nodes: (Node | null)[] = [h("p", { id: "benchmark-you" }, youText), h("p", {}, national)];
  if (centre !== null && centre !== undefined && b.points.length > 0) {
    nodes.push(
      h(
        "figure",
        { class: "chart-figure" },
        funnelChart(
          { centre, points: b.points, limits: b.funnel?.limits },
          {
            width: chartWidth(body),
            title: `Funnel plot: ${plural(b.points.length, "organisation")} using fair-shortlist, by precision, ${b.year ?? ""}`,
            desc: `${youText} Centre line at the value for organisations using fair-shortlist, ${formatRatio(centre)}; dashed curves are 95% control limits, dotted 99.8%. Organisations outside the curves differ from that value by more than chance would explain.`,
          },
        ),
        h("figcaption", {}, "Each grey dot is an organisation (anonymised); the blue dot is yours. Outside the dashed (95%) or dotted (99.8%) limits: a difference from the national value larger than chance would explain."),
      ),
    );
  }
  const sorted = [...b.points].sort((p, q) => p.precision - q.precision);
  nodes.push(
    h(
      "details",
      {},
      h("summary", {}, "Funnel plot data as a table"),
      table(
        "Organisations in the funnel plot (anonymised, by precision)",
        ["Organisation", "Relative likelihood", "Precision"],
        sorted.map((p) => [p.you ? "Your organisation" : "Another organisation", formatRatio(p.relativeLikelihood), p.precision.toFixed(1)]),
      ),
    ) as Node,
  );
  replaceChildren(body, ...nodes);
}

function positionText(position: string): string {
  switch (position) {
    case "withinLimits":
      return "within the control limits: consistent with organisations using fair-shortlist";
    case "aboveUpper95":
      return "above the 95% upper limit: white applicants more favoured than at organisations using fair-shortlist, beyond chance";
    case "aboveUpper998":
      return "above the 99.8% upper limit: white applicants much more favoured than at organisations using fair-shortlist";
    case "belowLower95":
      return "below the 95% lower limit: closer to parity than organisations using fair-shortlist, beyond chance";
    case "belowLower998":
      return "below the 99.8% lower limit: much closer to parity (or favouring BME applicants) than organisations using fair-shortlist";
    default:
      return "not placed";
  }
}

function renderCompliance(): void {
  const body = byId("compliance-body");
  const c = state.data.compliance;
  if (!c) return replaceChildren(body, h("p", {}, "Panel compliance is not available for this period."));
  const t = state.threshold;
  const o = c.overall;
  const summary =
    o.suppressed || o.rate === null
      ? `Panel-rule compliance is ${o.suppressed ? suppressedLabel(t, o.suppressionCode) : "not available"} for ${state.year ?? "this period"}.`
      : `The panel rule was met for ${o.met} of ${plural(o.applies ?? 0, "vacancy", "vacancies")} where it applied (${percent(o.rate, 0)}; denominator: the ${o.applies} vacancies where the rule applied).`;
  const bandRows = c.byBand.map((r) => ({
    label: r.label || bandLabel(r.band as Band),
    value: r.suppressed || r.rate === null ? null : r.rate * 100,
    display: r.suppressed ? suppressedLabel(t, r.suppressionCode) : r.rate === null ? "not available" : `${percent(r.rate, 0)} (${r.met} of ${r.applies})`,
  }));
  const ruleRows = c.failingRules.map((r) => ({
    label: RULE_LABELS[r.rule] ?? r.rule,
    value: r.suppressed || r.failures === null ? null : r.failures,
    display: r.suppressed ? suppressedLabel(t, r.suppressionCode) : r.failures === null ? "not available" : `${r.failures} (${percent(r.share, 0)} of panels that failed)`,
  }));
  const width = chartWidth(body);
  replaceChildren(
    body,
    h("p", { id: "compliance-summary" }, summary),
    c.notRecorded ? h("p", { class: "hint" }, `${plural(c.notRecorded, "vacancy", "vacancies")} in the period had no panel outcome recorded.`) : null,
    h("h3", {}, "Compliance by band"),
    bandRows.length
      ? h("figure", { class: "chart-figure" }, barChart(bandRows, { width, max: 100, title: "Panel-rule compliance by band", desc: bandRows.map((r) => `${r.label}: ${r.display}`).join("; ") }))
      : h("p", {}, "No panel outcomes recorded for posts above the threshold."),
    bandRows.length ? table("Panel-rule compliance by band", ["Band", "Rule applied", "Met", "Compliance"], c.byBand.map((r) => {
      const withheld = suppressedLabel(t, r.suppressionCode);
      return [r.label || r.band, r.suppressed ? withheld : String(r.applies), r.suppressed ? withheld : String(r.met), r.suppressed ? withheld : percent(r.rate, 0)];
    })) : null,
    h("h3", {}, "Rules that fail most"),
    ruleRows.length
      ? h("figure", { class: "chart-figure" }, barChart(ruleRows, { width, max: Math.max(1, ...ruleRows.map((r) => r.value ?? 0)), title: "Panel rules that fail most", desc: ruleRows.map((r) => `${r.label}: ${r.display}`).join("; ") }))
      : h("p", {}, "No rule failures recorded."),
    ruleRows.length ? table("Panel rules that fail most", ["Rule", "Failures", "Share of panels that failed"], c.failingRules.map((r) => {
      const withheld = suppressedLabel(t, r.suppressionCode);
      return [RULE_LABELS[r.rule] ?? r.rule, r.suppressed ? withheld : String(r.failures), r.suppressed ? withheld : percent(r.share, 0)];
    })) : null,
  );
}

/**
 * WRES indicator 2 for vacancies with and without each intervention, and the ratio between the
 * two with its interval (computed by the API with the shared core; only worded here).
 */
function renderInterventions(): void {
  const body = byId("interventions-body");
  const d = state.data.interventions;
  if (!d) return replaceChildren(body, h("p", {}, "Figures by intervention are not available for this period."));
  const part = (id: string, heading: string, split: ByInterventionResponse["panel"] | ByInterventionResponse["structuredScoring"]) => {
    const groups = split.groups as Wres2Figures[];
    const rows = groups.filter((g) => (g.vacancies ?? 0) > 0).map((g) => rowOf(WRES, viewContext(), g, g.label ?? g.key ?? ""));
    const c = split.comparison;
    const withLabel = groups.find((g) => g.key === c.with)?.label ?? c.with;
    const withoutLabel = groups.find((g) => g.key === c.without)?.label ?? c.without;
    const ratio = c.ratio === null
      ? c.text
      : `${withLabel} against ${withoutLabel.toLowerCase()}: ${c.text}${c.smallNumbers ? ` ${SMALL_NUMBERS_TEXT}: a group has very few applicants.` : ""}`;
    return h("div", { id },
      h("h3", {}, heading),
      rows.length
        ? h("figure", { class: "chart-figure" }, intervalChart(rows, {
            width: chartWidth(body),
            title: heading,
            desc: rows.map((r) => `${r.label}: ${r.value === null ? r.note : formatRatio(r.value)}`).join("; "),
          }))
        : h("p", {}, "No vacancies in this period."),
      breakdownTable(WRES, viewContext(), heading, groups.filter((g) => (g.vacancies ?? 0) > 0), "group"),
      h("p", { id: `${id}-ratio`, class: c.significant ? "headline" : "" }, ratio),
    );
  };
  replaceChildren(
    body,
    h("p", { class: "hint" }, "Each group's relative likelihood (white / BME) with its interval, and the ratio between the group with the intervention and the group without it. Below 1: a smaller gap with the intervention. An association across vacancies, not proof of cause. Exact figures for your organisation's own analysts, not for publication."),
    part("interventions-panel", "Panel rule met or not", d.panel),
    part("interventions-scoring", "Structured scoring used or not", d.structuredScoring),
  );
}

// ---------------------------------------------------------------------------
// The publication view and the method note

function renderPublication(): void {
  const body = byId("publication-body");
  const pub = state.pub;
  if (!pub) return replaceChildren(body);
  const year = state.year;
  const inYear = <T extends { year: string }>(rows: T[]) => rows.filter((r) => r.year === year);
  const years = pub.tables.year;
  const now = years.find((r) => r.year === year);
  const before = years[years.findIndex((r) => r.year === year) - 1];
  const compliance = inYear(pub.tables.compliance);
  const pubCtx = viewContext();
  const withheld = [...inYear(pub.tables.band), ...inYear(pub.tables.staffGroup), ...(now ? [now] : [])].filter((r) => r.suppressed).length;
  replaceChildren(
    body,
    h("p", { id: "publication-intro" }, `Tables that may be published for ${pub.org.name}: complete financial years only, small numbers withheld at the trust's threshold of ${pub.threshold} (counts 1 to ${pub.threshold - 1}), with further rows withheld so that none can be worked out from the others. ${plural(withheld, "row")} for ${year ?? "this year"} ${withheld === 1 ? "is" : "are"} withheld.`),
    pub.notPublished.length ? h("p", { class: "hint" }, pub.notPublished.map((n) => `${n.year}: ${n.reason}`).join(" ")) : null,
    now && !now.suppressed ? h("p", { class: "headline", id: "publication-headline" }, headline(now, { period: now.year }).main) : null,
    now && before && !now.suppressed && !before.suppressed ? h("p", { id: "publication-change" }, changePhrase(WRES, state.level, years.map((r) => ({ ...r, key: r.year })), year)) : null,
    h("h3", {}, "By financial year"),
    publicationTable(WRES, pubCtx, "WRES indicator 2 by financial year (for publication)", "Financial year", years, WRES_PUB_COUNTS),
    h("h3", {}, `By band, ${year ?? ""}`),
    publicationTable(WRES, pubCtx, `WRES indicator 2 by band, ${year ?? ""} (for publication; 8b and above grouped)`, "Band", inYear(pub.tables.band), WRES_PUB_COUNTS),
    h("h3", {}, `By staff group, ${year ?? ""}`),
    publicationTable(WRES, pubCtx, `WRES indicator 2 by staff group, ${year ?? ""} (for publication)`, "Staff group", inYear(pub.tables.staffGroup), WRES_PUB_COUNTS),
    h("h3", {}, `Interview panel rule, ${year ?? ""}`),
    compliance.length
      ? table(
          `Panel-rule compliance, ${year ?? ""} (for publication): vacancies where the rule applied and where it was met`,
          ["Band", "Rule applied (denominator)", "Met", "Compliance"],
          compliance.map((r) =>
            r.suppressed
              ? [r.label, withheldText(r.suppressionCode, state.threshold), withheldText(r.suppressionCode, state.threshold), withheldText(r.suppressionCode, state.threshold)]
              : [r.label, String(r.applies), String(r.met), `${percent(r.rate, 0)} (${r.met} of ${r.applies})`],
          ),
        )
      : h("p", {}, "No panel outcomes recorded for posts where the rule applies."),
  );
}

/** Definitions and method, on screen and in print, for whichever audience the page shows. */
function renderMethod(): void {
  const threshold = state.threshold ?? 5;
  replaceChildren(
    byId("method-body"),
    h("p", { id: "method-note" }, methodNote(state.publication ? "publication" : "own", threshold)),
  );
}

// ---------------------------------------------------------------------------
// Export

async function downloadCsv(): Promise<void> {
  status("Preparing the CSV…");
  try {
    // The same routes for both standards: /v1/export/wres2.csv, /v1/export/wdes2.csv, /v1/report/….
    const indicator = state.standard === "wdes" ? "wdes2" : "wres2";
    const res = await api(`/v1/${state.publication ? "report" : "export"}/${indicator}.csv?${query({ year: state.year, level: state.level })}`);
    const blob = await res.blob();
    const name = /filename="?([^";]+)"?/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? `${indicator}-${(state.year ?? "all").replace("/", "-")}.csv`;
    const url = URL.createObjectURL(blob);
    const a = h("a", { href: url, download: name, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    status(`Downloaded ${name}.`);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return signOut("Your token is no longer accepted. Sign in again.");
    status(`Could not download the CSV: ${(e as Error).message}`);
  }
}

// ---------------------------------------------------------------------------
// Import

/** After an import was sent: the new years appear in the picker and the figures reload. */
async function afterImport(): Promise<void> {
  if (!state.token) return;
  const org = await getJson<OrgResponse>("/v1/org");
  const keep = state.year;
  fillYears(org.data.financialYears);
  if (keep && org.data.financialYears.includes(keep)) {
    state.year = keep;
    byId<HTMLSelectElement>("year").value = keep;
  }
  await refresh();
}

// ---------------------------------------------------------------------------
// Wiring

function init(): void {
  byId("signin-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const token = byId<HTMLInputElement>("token").value.trim();
    if (token) void signIn(token);
  });
  byId("signout").addEventListener("click", () => signOut());
  byId("year").addEventListener("change", (ev) => {
    state.year = (ev.target as HTMLSelectElement).value || null;
    if (state.publication && state.standard === "wres" && state.pub) return renderPublication();
    if (state.publication && state.standard === "wdes" && state.wdesPub) return renderWdesPublicationView();
    void refresh();
  });
  for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="level"]')) {
    radio.addEventListener("change", () => {
      if (!radio.checked) return;
      state.level = Number(radio.value);
      void refresh();
    });
  }
  byId<HTMLInputElement>("publication").addEventListener("change", (ev) => {
    state.publication = (ev.target as HTMLInputElement).checked;
    if (state.org) fillYears(state.org.data.financialYears);
    void refresh();
  });
  byId("download-csv").addEventListener("click", () => void downloadCsv());
  for (const id of ["wres", "wdes"] as const) byId(`tab-${id}`).addEventListener("click", () => selectStandard(id));
  byId("standard-tabs").addEventListener("keydown", onTabKey);
  showView();
  byId("print-report").addEventListener("click", () => window.print());
  initImport({
    workerUrl: document.documentElement.dataset.importWorker ?? "",
    sendBatch: async (outcomes, submitToken) =>
      (
        await api<{ created: number; replaced: number }>("/v1/outcomes/batch", {
          method: "POST",
          token: submitToken,
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ outcomes }),
        })
      ).json(),
    afterSend: afterImport,
  });
  let resizeTimer: ReturnType<typeof setTimeout> | undefined;
  let lastWidth = window.innerWidth;
  window.addEventListener("resize", () => {
    if (window.innerWidth === lastWidth) return;
    lastWidth = window.innerWidth;
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => {
      if (state.standard === "wdes") return state.publication ? renderWdesPublicationView() : renderWdesView();
      if (state.publication) return state.pub && renderPublication();
      if (state.data.byBand) render();
    }, 150);
  });
  const saved = sessionStorage.getItem(TOKEN_KEY);
  if (saved) {
    // Back in the same tab (reload): sign straight in, without flashing the sign-in form.
    byId("signin").hidden = true;
    void signIn(saved);
  } else {
    showSignedIn(false);
  }
  document.documentElement.dataset.ready = "true";
}

init();

