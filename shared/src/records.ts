/**
 * Records for the recruitment file: what was decided, by whom, on what scores, with which
 * warnings overridden and why, and a line to sign. A trust must be able to show why each
 * applicant was or was not shortlisted and appointed (docs/domain.md, "Recruitment systems":
 * the recruitment file), so these are built from everything this browser knows, as a plain
 * document model (headings, lines, tables) that the extension turns into a printable page with
 * DOM text only, and that tests can read.
 *
 * Pure (no zod, no DOM).
 */
import {
  descriptorFor, divergence, outliersBetweenAssessors, shortlistingConsistency, totals, DIRECTION_NOISE_LEVELS, MIN_ITEMS_FOR_DIRECTION,
  type ConsistencyFinding, type Criterion, type Scale, type Score, type ShortlistDecision,
} from "./scoring";
import { GUIDE_BANDS, guideBandLabel, type ReviewGuide } from "./reviewGuide";

/**
 * Scores this many levels apart on one item are worth talking through: on a whole-number scale
 * a 1-level difference is two careful readers rounding the same evidence differently (the
 * "some evidence" / "good evidence" boundary), while 2 levels is half a 0-3 or 1-5 scale and the
 * whole of a 0-2 one, a disagreement about whether the evidence is there at all.
 */
export const DIVERGENCE_THRESHOLD_LEVELS = 2;

export interface RecordTable {
  head: string[];
  rows: string[][];
}

export interface RecordSection {
  heading: string;
  /** Stable handle for tests and styling, e.g. "applicant-EH7001". */
  id: string;
  lines: string[];
  tables: RecordTable[];
}

export interface FileRecord {
  title: string;
  lines: string[];
  sections: RecordSection[];
  signOff: string[];
}

export interface VacancyFacts {
  reference: string;
  jobTitle?: string | null | undefined;
  band?: string | null | undefined;
  closingDate?: string | null | undefined;
}

export interface RecordedOverride {
  code: string;
  decision: string;
  reason: string;
  at: string;
}

export interface AssessorScores {
  assessorId: string;
  /** The name or initials the assessor gave (settings, their exported file or sync); the id when none. */
  name?: string | undefined;
  scores: readonly Score[];
  /** When this assessor last changed their scores, per applicant (ISO). */
  scoredAt?: Readonly<Record<string, string>> | undefined;
}

export interface ShortlistingRecordInput {
  system: string;
  vacancy: VacancyFacts;
  scale: Scale;
  criteria: readonly Criterion[];
  applicantIds: readonly string[];
  /** The host's decision as last seen by the overlay, with when. Missing = not seen. */
  decisions: Readonly<Record<string, { decision: ShortlistDecision; seenAt?: string | undefined }>>;
  guaranteedInterview: Readonly<Record<string, boolean>>;
  /** Every assessor whose scores this browser holds (this one and colleagues'). */
  assessors: readonly AssessorScores[];
  reasons: Readonly<Record<string, readonly RecordedOverride[]>>;
  /** The vacancy's review guide as this browser held it when the record was made (null: none). */
  reviewGuide?: ReviewGuide | null | undefined;
  generatedAt: string;
}

const DECISION_WORDS: Record<ShortlistDecision, string> = { shortlisted: "Shortlisted", rejected: "Not shortlisted", undecided: "Not decided" };

/** "2026-12-01 10:12 UTC" (the file is read by people, not parsed). */
export function when(iso: string | undefined): string {
  if (!iso || Number.isNaN(Date.parse(iso))) return "date not known";
  return `${new Date(iso).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** "E1", "E2", "D1": numbered within each kind, as person specifications are. */
export function criterionLabels(criteria: readonly Criterion[]): string[] {
  let e = 0;
  let d = 0;
  return criteria.map((c) => (c.kind === "essential" ? `E${++e}` : `D${++d}`));
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0$/, "");
}

/** How the record names an assessor: "AB (sh-1f3c…)" with the name they gave, else the id alone. */
function assessorNames(assessors: readonly AssessorScores[]): Map<string, string> {
  return new Map(assessors.map((a) => [a.assessorId, a.name?.trim() ? `${a.name.trim()} (${a.assessorId})` : a.assessorId]));
}

function assessorLines(all: readonly Score[], names: ReadonlyMap<string, string>): string[] {
  const assessors = new Set(all.map((s) => s.assessorId));
  if (assessors.size < 2) return ["One assessor's scores are held here, so there is nothing to compare between assessors."];
  const devs = outliersBetweenAssessors(all);
  return [
    `Between assessors: an assessor is called harsher or more generous only when their scores sit at least ${DIRECTION_NOISE_LEVELS} of a level from the other assessors' median on average, over at least ${MIN_ITEMS_FOR_DIRECTION} shared scores; a smaller gap is what careful assessors reading the same evidence produce.`,
    ...devs.map((d) => `${names.get(d.assessorId) ?? d.assessorId}: ${d.direction === "in line" ? "in line with the others" : d.direction}${d.direction === "in line" ? "" : ` (${d.meanDifference >= 0 ? "+" : ""}${fmt(d.meanDifference)} levels on average over ${d.comparedItems} shared scores)`}.`),
  ];
}

/** The bar the assessors scored against: the review guide in force, by criterion, or that there was none. */
function guideSection(guide: ReviewGuide | null, criteria: readonly Criterion[], labels: readonly string[], scale: Scale): RecordSection {
  const covered = guide ? criteria.filter((c) => guide.criteria[c.id]) : [];
  if (!guide || covered.length === 0) return { heading: "Review guide", id: "review-guide", lines: ["No review guide was written for this vacancy: assessors scored against the scale's own descriptors."], tables: [] };
  return {
    heading: "Review guide",
    id: "review-guide",
    lines: [`Review guide by ${guide.author || "an assessor"}, last updated ${when(guide.updatedAt)}, for ${covered.length} of ${criteria.length} criteria: what the evidence looks like at each band.`],
    tables: [
      {
        head: ["", ...GUIDE_BANDS.map((b) => guideBandLabel(b, scale))],
        rows: criteria.flatMap((c, i) => {
          const entry = guide.criteria[c.id];
          return entry ? [[labels[i]!, ...GUIDE_BANDS.map((b) => entry[b])]] : [];
        }),
      },
    ],
  };
}

/** The shortlisting record for one vacancy: one section per applicant. */
export function shortlistingRecord(input: ShortlistingRecordInput): FileRecord {
  const { scale, criteria } = input;
  const all = input.assessors.flatMap((a) => a.scores);
  const names = assessorNames(input.assessors);
  const nameOf = (id: string) => names.get(id) ?? id;
  const labels = criterionLabels(criteria);
  const head = ["Assessor", ...labels, "Essential total", "Desirable total", "Scored"];
  const sections: RecordSection[] = [
    {
      heading: "Person specification",
      id: "criteria",
      lines: [`Scale: ${scale.name}. An essential criterion is met at level ${Math.ceil((scale.min + scale.max) / 2)} or above (the panel's mean).`],
      tables: [{ head: ["", "Kind", "Criterion"], rows: criteria.map((c, i) => [labels[i]!, c.kind === "essential" ? "Essential" : "Desirable", c.text]) }],
    },
    guideSection(input.reviewGuide ?? null, criteria, labels, scale),
    { heading: "Assessors", id: "assessors", lines: [`Assessors: ${[...names.values()].join(", ") || "none"}.`, ...assessorLines(all, names)], tables: [] },
  ];
  for (const id of input.applicantIds) {
    const scores = all.filter((s) => s.applicantId === id);
    const decision = input.decisions[id];
    const gis = input.guaranteedInterview[id] ?? false;
    const lines: string[] = [
      decision ? `Decision: ${DECISION_WORDS[decision.decision]} (as shown by ${input.system}${decision.seenAt ? `, ${when(decision.seenAt)}` : ""}).` : `Decision: not seen by Fair Shortlist.`,
      `Disability Confident guaranteed interview scheme: ${gis ? "yes" : "no"}.`,
    ];
    const rows: string[][] = [];
    for (const a of input.assessors) {
      const mine = scores.filter((s) => s.assessorId === a.assessorId);
      if (!mine.length) continue;
      const t = totals(criteria, mine)[0];
      rows.push([
        nameOf(a.assessorId),
        ...criteria.map((c) => {
          const s = mine.find((x) => x.criterionId === c.id);
          return s ? String(s.level) : "-";
        }),
        t ? `${fmt(t.essentialTotal)}${t.complete ? "" : " (incomplete)"}` : "-",
        t ? fmt(t.desirableTotal) : "-",
        when(a.scoredAt?.[id]),
      ]);
    }
    if (!rows.length) lines.push("Not scored.");
    const consensus = totals(criteria, scores)[0];
    if (consensus && input.assessors.filter((a) => a.scores.some((s) => s.applicantId === id)).length > 1) {
      lines.push(`All assessors (mean per criterion): essential ${fmt(consensus.essentialTotal)}, desirable ${fmt(consensus.desirableTotal)}${consensus.complete ? "" : " (incomplete)"}.`);
    }
    const findings: ConsistencyFinding[] = decision
      ? shortlistingConsistency(criteria, scale, { scores, decision: decision.decision, guaranteedInterview: gis })
      : [];
    const reasons = input.reasons[id] ?? [];
    for (const f of findings) {
      if (f.severity === "info") {
        lines.push(`Note: ${f.message}`);
        continue;
      }
      const given = reasons.filter((r) => r.code === f.code);
      lines.push(`${f.severity === "error" ? "Rule broken" : "Warning"}: ${f.message}`);
      lines.push(given.length ? given.map((r) => `Reason given (${when(r.at)}): ${r.reason}`).join(" ") : "No reason was recorded for going ahead.");
    }
    // Reasons for warnings that no longer apply (the scores or decision changed since) stay on file.
    for (const r of reasons.filter((x) => !findings.some((f) => f.code === x.code))) {
      lines.push(`Earlier reason (${when(r.at)}, decision then: ${r.decision}): ${r.reason}`);
    }
    const diverging = divergence(scores, { threshold: DIVERGENCE_THRESHOLD_LEVELS });
    for (const d of diverging) {
      const c = criteria.find((x) => x.id === d.criterionId);
      lines.push(`Assessors differ by ${d.spread} levels on "${c?.text ?? d.criterionId}": ${d.levels.map((l) => `${nameOf(l.assessorId)} ${l.level}`).join(", ")}.`);
    }
    const evidence = scores.filter((x) => x.note.trim() !== "").map((x) => {
      const i = criteria.findIndex((c) => c.id === x.criterionId);
      return [nameOf(x.assessorId), labels[i] ?? x.criterionId, `${x.level}: ${descriptorFor(scale, criteria[i], x.level) ?? ""}`, x.note];
    });
    const tables = rows.length ? [{ head, rows }] : [];
    if (evidence.length) tables.push({ head: ["Assessor", "Criterion", "Score", "Evidence note"], rows: evidence });
    sections.push({ heading: `Applicant ${id}`, id: `applicant-${id}`, lines, tables });
  }
  return {
    title: `Shortlisting record: ${input.vacancy.jobTitle ? `${input.vacancy.jobTitle} ` : ""}(${input.vacancy.reference})`,
    lines: [
      `System: ${input.system}. Band: ${input.vacancy.band ?? "not shown"}. Closing date: ${input.vacancy.closingDate ?? "not shown"}.`,
      `Generated ${when(input.generatedAt)} by Fair Shortlist from the scores held in this browser. Scores differing by fewer than ${DIVERGENCE_THRESHOLD_LEVELS} levels are not listed as divergent: on a whole-number scale a 1-level gap is ordinary rounding between careful readers.`,
    ],
    sections,
    signOff: signOff("Shortlisting agreed by (recruiting manager)"),
  };
}

function signOff(first: string): string[] {
  return [`${first}: name ____________________  signature ____________________  date ____________`, "Checked by (HR / recruitment): name ____________________  signature ____________________  date ____________"];
}

// ------------------------------------------------------------------------------ interviews

export const APPOINTMENT_DECISIONS = ["appointed", "reserve", "notAppointed"] as const;
export type AppointmentDecision = (typeof APPOINTMENT_DECISIONS)[number];
const APPOINTMENT_WORDS: Record<AppointmentDecision, string> = { appointed: "Appointed (offer to be made)", reserve: "Reserve", notAppointed: "Not appointed" };

export interface AgreedScore {
  level: number;
  note: string;
  at: string;
}

export interface InterviewRecordInput {
  system: string;
  vacancy: VacancyFacts;
  scale: Scale;
  questions: readonly Criterion[];
  panellists: ReadonlyArray<{ id: string; name: string }>;
  candidates: readonly string[];
  /** Submitted scores only. */
  scores: readonly Score[];
  submittedAt: Readonly<Record<string, Readonly<Record<string, string>>>>;
  panelCheck: { applies: boolean; met: boolean; failedRules: readonly string[]; reason?: string | undefined; policyName: string; recordedAt: string } | null;
  /** candidate -> question -> the score agreed at calibration. */
  agreed: Readonly<Record<string, Readonly<Record<string, AgreedScore>>>>;
  decisions: Readonly<Record<string, { decision: AppointmentDecision; at: string; note?: string | undefined }>>;
  generatedAt: string;
}

/**
 * The score a question ends with for a candidate: the level agreed at calibration where there
 * is one, else the panel's mean.
 */
export function finalScores(questions: readonly Criterion[], scores: readonly Score[], agreed: Readonly<Record<string, AgreedScore>> | undefined): Map<string, number> {
  const out = new Map<string, number>();
  for (const q of questions) {
    const a = agreed?.[q.id];
    const levels = scores.filter((s) => s.criterionId === q.id).map((s) => s.level);
    if (a) out.set(q.id, a.level);
    else if (levels.length) out.set(q.id, levels.reduce((x, y) => x + y, 0) / levels.length);
  }
  return out;
}

export function interviewRecord(input: InterviewRecordInput): FileRecord {
  const { scale, questions } = input;
  const names = new Map(input.panellists.map((p) => [p.id, p.name]));
  const pc = input.panelCheck;
  const sections: RecordSection[] = [{
    heading: "Panel check",
    id: "panel-check",
    lines: !pc
      ? ["The panel was not checked against the trust's panel policy in this browser."]
      : !pc.applies
        ? [`${pc.policyName}: no check needed for this post (recorded ${when(pc.recordedAt)}).`]
        : [
            `${pc.policyName}: ${pc.met ? "met" : `not met (${pc.failedRules.join(", ")})`} (recorded ${when(pc.recordedAt)}).`,
            ...(pc.met ? [] : [pc.reason ? `Reason for going ahead: ${pc.reason}` : "No reason was recorded for going ahead."]),
          ],
    tables: [],
  }];
  const head = ["Panellist", ...questions.map((_q, i) => `Q${i + 1}`), "Total", "Submitted"];
  for (const c of input.candidates) {
    const scores = input.scores.filter((s) => s.applicantId === c);
    const rows = input.panellists
      .filter((p) => scores.some((s) => s.assessorId === p.id))
      .map((p) => {
        const mine = scores.filter((s) => s.assessorId === p.id);
        return [p.name, ...questions.map((q) => String(mine.find((s) => s.criterionId === q.id)?.level ?? "-")), fmt(mine.reduce((n, s) => n + s.level, 0)), when(input.submittedAt[c]?.[p.id])];
      });
    const agreed = input.agreed[c] ?? {};
    const lines: string[] = [];
    const diverging = divergence(scores, { threshold: DIVERGENCE_THRESHOLD_LEVELS });
    if (!diverging.length) lines.push(`No question with scores ${DIVERGENCE_THRESHOLD_LEVELS} or more levels apart.`);
    for (const d of diverging) {
      const i = questions.findIndex((q) => q.id === d.criterionId);
      const a = agreed[d.criterionId];
      lines.push(`Q${i + 1} "${questions[i]?.text ?? d.criterionId}": ${d.levels.map((l) => `${names.get(l.assessorId) ?? l.assessorId} ${l.level}`).join(", ")} (${d.spread} levels apart). ${a ? `Agreed at calibration (${when(a.at)}): ${a.level} (${descriptorFor(scale, questions[i], a.level) ?? ""})${a.note ? `, because: ${a.note}` : ""}.` : "Not calibrated."}`);
    }
    for (const [qid, a] of Object.entries(agreed)) {
      if (diverging.some((d) => d.criterionId === qid)) continue;
      const i = questions.findIndex((q) => q.id === qid);
      lines.push(`Q${i + 1}: agreed at calibration (${when(a.at)}): ${a.level}${a.note ? `, because: ${a.note}` : ""}.`);
    }
    const final = finalScores(questions, scores, agreed);
    const total = [...final.values()].reduce((x, y) => x + y, 0);
    lines.push(`Agreed total (agreed score where calibrated, else the panel's mean): ${fmt(total)}${final.size === questions.length ? "" : " (incomplete)"}.`);
    const dec = input.decisions[c];
    lines.push(dec ? `Decision: ${APPOINTMENT_WORDS[dec.decision]} (${when(dec.at)})${dec.note ? `: ${dec.note}` : ""}.` : "Decision: not recorded.");
    sections.push({ heading: `Candidate ${c}`, id: `candidate-${c}`, lines, tables: rows.length ? [{ head, rows }] : [] });
  }
  sections.push(questionsSection(questions, scale));
  return {
    title: `Interview record: ${input.vacancy.jobTitle ? `${input.vacancy.jobTitle} ` : ""}(${input.vacancy.reference})`,
    lines: [
      `System: ${input.system}. Band: ${input.vacancy.band ?? "not shown"}. Panel: ${input.panellists.map((p) => p.name).join(", ") || "none"}.`,
      `Generated ${when(input.generatedAt)} by Fair Shortlist. Questions are listed for calibration when panellists' scores are ${DIVERGENCE_THRESHOLD_LEVELS} or more levels apart: a 1-level gap is ordinary rounding between careful panellists.`,
    ],
    sections,
    signOff: signOff("Appointment agreed by (chair of the panel)"),
  };
}

/**
 * The questions, and the bar the panel scored answers against: each question's own descriptors (what an answer at
 * each level looks like) where the question set gives them, the scale's words for the levels it does not; or that
 * every question was scored against the scale's words alone. The interview's counterpart of the review guide.
 */
function questionsSection(questions: readonly Criterion[], scale: Scale): RecordSection {
  const own = questions.filter((q) => q.descriptors?.length);
  const levels = scale.levels.map((l) => l.level);
  return {
    heading: "Questions",
    id: "questions",
    lines: [
      `Scale: ${scale.name}.`,
      own.length
        ? `Answer guide: ${own.length} of ${questions.length} question${questions.length === 1 ? " has" : "s have"} descriptors of their own for what an answer at each score looks like (the scale's words where a score has none); panellists scored against them.`
        : "No question has descriptors of its own: panellists scored every answer against the scale's words.",
    ],
    tables: [
      { head: ["", "Kind", "Question"], rows: questions.map((q, i) => [`Q${i + 1}`, q.kind === "essential" ? "Essential" : "Desirable", q.text]) },
      ...(own.length
        ? [{ head: ["", ...levels.map((l) => `Score ${l}`)], rows: own.map((q) => [`Q${questions.indexOf(q) + 1}`, ...levels.map((l) => descriptorFor(scale, q, l) ?? "")]) }]
        : []),
    ],
  };
}

/** Plain text of a record (tests, and the CSV-averse). */
export function recordText(r: FileRecord): string {
  const out = [r.title, ...r.lines];
  for (const s of r.sections) {
    out.push("", s.heading, ...s.lines);
    for (const t of s.tables) out.push(t.head.join(" | "), ...t.rows.map((row) => row.join(" | ")));
  }
  out.push("", ...r.signOff);
  return out.join("\n");
}
