/**
 * Structured interview scoring (interview screens). A question set per vacancy (from the
 * person specification, typed in, or a saved template) scored on the trust's anchored scale;
 * each panellist scores independently and sees the others' scores for a candidate only after
 * submitting their own; lowest and highest scores need evidence; notes are linted; questions
 * where panellists differ by 2+ levels are flagged for calibration; totals, ranking, CSV and a
 * printable record for the recruitment file (TRAC stores no interview notes). Own-device mode
 * (each panellist in their own browser, scores exchanged as files) or shared-laptop mode (each
 * panellist unlocks their own entries with a PIN). Nothing here leaves the browser.
 */
import { readUkDate } from "@fair-shortlist/shared/periods";
import { SCALE_PRESETS, SCALE_PRESET_IDS, descriptorFor, noteRequired, type Criterion, type ScalePresetId } from "@fair-shortlist/shared/scoring";
import { defineFeature, type FeatureContext } from "~lib/feature";
import { h, replaceChildren, uid } from "~lib/dom";
import { mountOverlay, type Overlay } from "~lib/overlayHost";
import { readCriteria, readValue } from "~lib/profileRead";
import { loadCriteria } from "~lib/shortlisting";
import { vacancyStorageRef } from "@fair-shortlist/shared/vacancyKey";
import { sendToBackground } from "~background/protocol";
import { APPOINTMENT_DECISIONS, DIVERGENCE_THRESHOLD_LEVELS, interviewRecord, type AppointmentDecision } from "@fair-shortlist/shared/records";
import { recordHtml } from "~lib/recordHtml";
import { panelCheckKey, type RecordedPanelCheck } from "~interview/panelCheck";
import {
  INTERVIEW_TEMPLATES_KEY,
  PIN_PATTERN,
  decisionCsv,
  divergences,
  entryOf,
  hasSubmitted,
  hashPin,
  importScoresFile,
  interviewCompleted,
  mergeSyncedEntries,
  newPanellistId,
  revise,
  scoresFileOf,
  interviewSessionKey,
  lint,
  newSession,
  othersSubmitted,
  panellistId,
  pinMatches,
  questionsFromCriteria,
  questionsFromLines,
  recordFor,
  scaleOf,
  setAgreed,
  setDecision,
  setScore,
  submit,
  submitProblems,
  visibleEntries,
  type InterviewSession,
  type PanellistEntry,
  type QuestionTemplate,
} from "~interview/scoringSession";

const ID = "interview-scoring";

/** Who is signed in per vacancy, in memory only: survives in-page navigation, not a reload (then the PIN is asked again). */
const signedIn = new Map<string, string>();

function safeName(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]+/g, "-").slice(0, 60);
}

function download(filename: string, type: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.style.display = "none";
  document.documentElement.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export default defineFeature({
  id: ID,
  name: "Structured interview scoring",
  screens: ["interview"],
  async init(ctx, signal) {
    const interview = ctx.profile.interview;
    if (!interview) return false;
    let overlay: Overlay | null = null;
    ctx.observe("interview.anchor", interview.anchor, (anchor) => {
      if (overlay?.host.isConnected) return;
      const reference = readValue(ctx.profile.vacancy.reference, ctx.document, ctx.url);
      if (!reference) return;
      overlay = mountOverlay(anchor, "after", { feature: ID, label: "Structured interview scoring", signal });
      void run(ctx, signal, overlay, reference);
    });
  },
});

async function run(ctx: FeatureContext, signal: AbortSignal, overlay: Overlay, reference: string) {
  const key = interviewSessionKey(ctx.profile.id, reference);
  const candidateId = readValue(ctx.profile.interview!.candidateId, ctx.document, ctx.url);
  let session = await ctx.storage.get<InterviewSession>(key, newSession());
  let templates = await ctx.storage.get<QuestionTemplate[]>(INTERVIEW_TEMPLATES_KEY, []);
  const specCriteria = await loadCriteria(ctx.storage, ctx.profile.id, reference).catch(() => []);
  const pageCriteria = readCriteria(ctx.profile, ctx.document);
  const personSpec = specCriteria.length ? specCriteria : pageCriteria;
  let editing = session.questions.length === 0;
  let message = "";
  let error = "";
  let problems: string[] = [];
  // Panel sync (trust IT's choice): whether it is on, and what it last said, in words.
  const syncEnabled = await sendToBackground("panelSyncEnabled", {}).then((r) => r.ok && r.enabled).catch(() => false);
  let syncNote = "";
  const pulled = new Set<string>();
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  const body = overlay.body;

  const viewer = (): string | undefined => (session.mode === "ownDevice" ? session.me : signedIn.get(key));
  const save = async () => {
    clearTimeout(saveTimer);
    await ctx.storage.set(key, session);
  };
  const saveSoon = () => {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => void save(), 300);
  };
  signal.addEventListener("abort", () => {
    if (saveTimer) void save();
  }, { once: true });
  // Another tab (or a colleague's import) changed the session: follow it unless we are mid-edit.
  ctx.storage.onChanged(key, (_k, value) => {
    if (value && JSON.stringify(value) !== JSON.stringify(session)) {
      session = value as InterviewSession;
      render();
    }
  }, signal);

  const render = () => {
    const root = overlay.root;
    const focusKey = (root.activeElement as HTMLElement | null)?.dataset?.fkey;
    replaceChildren(body,
      h("div", { class: "fs-panel", "data-testid": "interview-scoring" },
        h("h2", null, "Structured interview scoring"),
        h("p", { class: "fs-hint" }, syncEnabled && session.mode === "ownDevice"
          ? `Vacancy ${reference}. Scores, notes and names stay in this browser, and leave it only encrypted (panel sync).`
          : `Vacancy ${reference}. Scores, notes and names stay in this browser.`),
        message ? h("p", { class: "fs-info", role: "status", "data-testid": "scoring-message" }, message) : null,
        error ? h("p", { class: "fs-error", role: "alert", "data-testid": "scoring-error" }, error) : null,
        editing ? questionSetup() : questionSummary(),
        !editing && session.questions.length ? panelSetup() : null,
        !editing && session.questions.length && session.mode ? scoringArea() : null,
        !editing && session.questions.length ? decisionRecord() : null));
    if (focusKey) (root.querySelector(`[data-fkey="${CSS.escape(focusKey)}"]`) as HTMLElement | null)?.focus();
  };

  const act = (fn: () => Promise<void> | void) => async () => {
    message = "";
    error = "";
    try {
      await fn();
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    render();
  };

  // ---------------------------------------------------------------- question set
  function questionSetup(): HTMLElement {
    const scaleId = uid("fs-scale");
    const textId = uid("fs-questions");
    const tplId = uid("fs-tpl");
    let chosenScale: ScalePresetId = session.scaleId;
    const textarea = h("textarea", { id: textId, rows: 6, "data-fkey": "questions", "data-testid": "question-lines" }, session.questions.map((q) => q.text + (q.kind === "desirable" ? " (desirable)" : "")).join("\n"));
    const useQuestions = (questions: Criterion[], scale: ScalePresetId = chosenScale) => {
      if (!questions.length) throw new Error("Give at least one question.");
      session = { ...session, questions, scaleId: scale };
      editing = false;
      message = `Question set saved: ${questions.length} question${questions.length === 1 ? "" : "s"} on the ${SCALE_PRESETS[scale].name} scale.`;
      return save();
    };
    return h("section", { "data-testid": "question-setup" },
      h("h3", null, "Question set for this vacancy"),
      h("p", { class: "fs-hint" }, "Every candidate is asked the same questions and scored on the same anchored scale."),
      h("label", { for: scaleId }, "Scale"),
      h("select", { id: scaleId, "data-fkey": "scale", onChange: (e: Event) => (chosenScale = (e.target as HTMLSelectElement).value as ScalePresetId) },
        SCALE_PRESET_IDS.map((id) => h("option", { value: id, selected: id === session.scaleId }, SCALE_PRESETS[id].name))),
      personSpec.length
        ? h("p", null, h("button", { type: "button", class: "fs-button fs-button--secondary", onClick: act(() => useQuestions(questionsFromCriteria(personSpec))) }, `Use the person specification (${personSpec.length} criteria)`))
        : null,
      templates.length
        ? h("p", null,
            h("label", { for: tplId }, "Or a saved template"),
            h("select", { id: tplId, "data-testid": "template-select" }, templates.map((t, i) => h("option", { value: String(i) }, `${t.name} (${t.questions.length} questions)`))),
            h("button", { type: "button", class: "fs-button fs-button--secondary", onClick: act(() => {
              const t = templates[Number((body.querySelector(`#${tplId}`) as HTMLSelectElement).value)]!;
              return useQuestions(t.questions, t.scaleId);
            }) }, "Use template"))
        : null,
      h("label", { for: textId }, "Or type the questions, one per line (add \"(desirable)\" after a desirable one)"),
      textarea,
      h("button", { type: "button", class: "fs-button", onClick: act(() => useQuestions(questionsFromLines((textarea as HTMLTextAreaElement).value))) }, "Save question set"),
      session.questions.length ? h("button", { type: "button", class: "fs-link", onClick: act(() => void (editing = false)) }, "Cancel") : null);
  }

  function questionSummary(): HTMLElement {
    const scale = scaleOf(session);
    const nameId = uid("fs-tplname");
    return h("section", null,
      h("h3", null, `Questions (${scale.name} scale)`),
      h("ol", { "data-testid": "question-list" }, session.questions.map((q) =>
        h("li", null, q.text, q.kind === "desirable" ? h("span", { class: "fs-tag fs-tag--grey" }, " desirable") : null,
          h("details", null, h("summary", null, "Anchors"),
            h("ul", { class: "fs-lint" }, scale.levels.map((l) => h("li", null, h("strong", null, `${l.level}: `), descriptorFor(scale, q, l.level) ?? ""))))))),
      h("div", { class: "fs-row fs-no-print" },
        h("button", { type: "button", class: "fs-link", onClick: act(() => void (editing = true)) }, "Edit questions"),
        h("label", { for: nameId }, "Save as a template named"),
        h("input", { id: nameId, type: "text", "data-testid": "template-name", style: "max-width: 220px" }),
        h("button", { type: "button", class: "fs-button fs-button--secondary", onClick: act(async () => {
          const name = (body.querySelector(`#${nameId}`) as HTMLInputElement).value.trim();
          const checked = await sendToBackground("checkQuestionTemplate", { name: name || `Questions for ${reference}`, scaleId: session.scaleId, questions: session.questions });
          if (!checked.ok) throw new Error(checked.error);
          const t = checked.template;
          templates = [...templates.filter((x) => x.name !== t.name), t];
          await ctx.storage.set(INTERVIEW_TEMPLATES_KEY, templates);
          message = `Template "${t.name}" saved: use it for other vacancies.`;
        }) }, "Save template")));
  }

  // ---------------------------------------------------------------- panel and who is scoring
  function panelSetup(): HTMLElement | null {
    if (!session.mode) {
      const name = uid("fs-mode");
      return h("section", { "data-testid": "mode-setup" },
        h("h3", null, "How is the panel scoring?"),
        h("label", { class: "fs-radio", style: "max-width: none" }, h("input", { type: "radio", name, onChange: act(async () => { session = { ...session, mode: "ownDevice" }; await save(); }) }), syncEnabled
          ? "Each panellist on their own device (scores shared, encrypted, through your organisation's server after submitting; or as files)"
          : "Each panellist on their own device (scores exchanged as files after submitting)"),
        h("label", { class: "fs-radio", style: "max-width: none" }, h("input", { type: "radio", name, onChange: act(async () => { session = { ...session, mode: "sharedLaptop" }; await save(); }) }), "One shared laptop (each panellist locks their entries with a PIN)"));
    }
    if (session.mode === "ownDevice" && !session.me) {
      const nameId = uid("fs-me");
      return h("section", null,
        h("label", { for: nameId, class: "fs-h3" }, "Your name or initials (shown on the record)"),
        h("input", { id: nameId, type: "text", "data-fkey": "me" }),
        h("button", { type: "button", class: "fs-button", onClick: act(async () => {
          const n = (body.querySelector(`#${nameId}`) as HTMLInputElement).value.trim();
          if (!n) throw new Error("Enter your name or initials.");
          // Unique to this browser, not made from the name: two panellists called "AB" stay two people.
          const id = newPanellistId();
          session = { ...session, me: id, panellists: [...session.panellists, { id, name: n.slice(0, 60) }] };
          await save();
        }) }, "Start scoring"));
    }
    if (session.mode === "sharedLaptop") {
      const active = signedIn.get(key);
      if (active) {
        const p = session.panellists.find((x) => x.id === active);
        return h("p", { class: "fs-row", "data-testid": "signed-in" }, `Scoring as ${p?.name ?? active}.`,
          h("button", { type: "button", class: "fs-button fs-button--secondary", onClick: act(() => { signedIn.delete(key); message = "Locked. The next panellist can sign in."; }) }, "Lock (switch panellist)"));
      }
      const who = uid("fs-who");
      const pin = uid("fs-pin");
      const newName = uid("fs-newname");
      const newPin = uid("fs-newpin");
      return h("section", { "data-testid": "panellist-signin" },
        session.panellists.length
          ? h("div", null,
              h("h3", null, "Who is scoring?"),
              h("label", { for: who }, "Panellist"),
              h("select", { id: who, "data-testid": "panellist-select" }, session.panellists.map((p) => h("option", { value: p.id }, p.name))),
              h("label", { for: pin }, "PIN"),
              h("input", { id: pin, type: "password", inputmode: "numeric", autocomplete: "off", "data-testid": "panellist-pin", style: "max-width: 160px" }),
              h("button", { type: "button", class: "fs-button", onClick: act(async () => {
                const id = (body.querySelector(`#${who}`) as HTMLSelectElement).value;
                const p = session.panellists.find((x) => x.id === id)!;
                if (!(await pinMatches(p, (body.querySelector(`#${pin}`) as HTMLInputElement).value))) throw new Error(`That PIN is not ${p.name}'s.`);
                signedIn.set(key, id);
              }) }, "Start scoring"))
          : h("p", null, "Add each panellist with a PIN of 4 to 8 digits. Only they can then open and change their entries."),
        h("details", { open: session.panellists.length < 2 },
          h("summary", null, "Add a panellist"),
          h("label", { for: newName }, "Name or initials"),
          h("input", { id: newName, type: "text", "data-testid": "new-panellist-name", style: "max-width: 240px" }),
          h("label", { for: newPin }, "PIN (4 to 8 digits)"),
          h("input", { id: newPin, type: "password", inputmode: "numeric", autocomplete: "off", "data-testid": "new-panellist-pin", style: "max-width: 160px" }),
          h("button", { type: "button", class: "fs-button fs-button--secondary", onClick: act(async () => {
            const n = (body.querySelector(`#${newName}`) as HTMLInputElement).value.trim();
            const p = (body.querySelector(`#${newPin}`) as HTMLInputElement).value;
            if (!n) throw new Error("Enter the panellist's name or initials.");
            if (!PIN_PATTERN.test(p)) throw new Error("A PIN is 4 to 8 digits.");
            const id = panellistId(n, session.panellists);
            session = { ...session, panellists: [...session.panellists, { id, name: n.slice(0, 60), pin: await hashPin(p) }] };
            await save();
            message = `${n} added.`;
          }) }, "Add panellist")));
    }
    return null;
  }

  // ---------------------------------------------------------------- scoring one candidate
  function scoringArea(): HTMLElement | null {
    const me = viewer();
    if (!me) return null;
    if (!candidateId) return h("p", { class: "fs-info" }, "Open a candidate's interview to score them. The decision record below lists the candidates you have scored.");
    const scale = scaleOf(session);
    const names = new Map(session.panellists.map((p) => [p.id, p.name]));
    const mine = entryOf(session, candidateId, me);
    const submitted = !!mine.submittedAt;
    const others = othersSubmitted(session, candidateId, me);

    if (!submitted) {
      return h("section", { "data-testid": "scoring-form" },
        h("h3", null, `Candidate ${candidateId}: your scores`),
        h("p", { class: "fs-info", "data-testid": "hidden-notice" }, others
          ? `${others} other panellist${others === 1 ? " has" : "s have"} submitted; their scores stay hidden until you submit yours.`
          : "Score independently: other panellists' scores stay hidden until you submit yours."),
        session.questions.map((q, i) => {
          const s = mine.scores[q.id];
          const radios = uid(`fs-q${i}`);
          const noteId = uid("fs-note");
          const lintId = uid("fs-lint");
          const required = s && Number.isInteger(s.level) && noteRequired(scale, s.level);
          const lintList = h("ul", { class: "fs-lint", id: lintId, "aria-live": "polite", "data-testid": "note-lint" }, lintItems(s?.note ?? ""));
          return h("fieldset", { class: "fs-criterion", "data-question": String(i + 1) },
            h("legend", null, `Question ${i + 1}. ${q.text}`),
            h("div", { class: "fs-radios" }, scale.levels.map((l) =>
              h("label", { class: "fs-radio" },
                h("input", { type: "radio", name: radios, value: String(l.level), checked: s?.level === l.level, "data-fkey": `q${i}-l${l.level}`, onChange: act(async () => {
                  session = setScore(session, candidateId, me, q.id, { level: l.level });
                  await save();
                }) }),
                h("span", null, h("span", { class: "fs-radio-level" }, `${l.level} `), descriptorFor(scale, q, l.level) ?? "")))),
            h("label", { for: noteId }, `Evidence note${required ? " (required for this score)" : ""}`),
            h("textarea", { id: noteId, "data-fkey": `q${i}-note`, "aria-describedby": lintId, onInput: (e: Event) => {
              const note = (e.target as HTMLTextAreaElement).value.slice(0, 5000);
              session = setScore(session, candidateId, me, q.id, { note });
              saveSoon();
              replaceChildren(lintList, lintItems(note));
            } }, s?.note ?? ""),
            lintList);
        }),
        problems.length ? h("ul", { class: "fs-error", role: "alert", "data-testid": "submit-problems" }, problems.map((p) => h("li", null, p))) : null,
        h("button", { type: "button", class: "fs-button", onClick: act(async () => {
          problems = submitProblems(session, candidateId, me).map((p) => p.message);
          if (problems.length) return;
          session = submit(session, candidateId, me, Date.now());
          await save();
          message = "Your scores are submitted and locked.";
          await afterSubmit(candidateId, me);
        }) }, "Submit my scores"),
        session.mode === "ownDevice" ? ownDeviceExchange(false) : null);
    }

    const visible = visibleEntries(session, candidateId, me);
    const panelIds = Object.keys(visible);
    const waiting = session.panellists.filter((p) => !hasSubmitted(session, candidateId, p.id)).map((p) => p.name);
    const flagged = divergences(session, candidateId, me);
    return h("section", { "data-testid": "scores-submitted" },
      h("h3", null, `Candidate ${candidateId}: submitted scores`),
      h("table", { "data-testid": "scores-table" },
        h("thead", null, h("tr", null, h("th", { scope: "col" }, "Question"), panelIds.map((id) => {
          const rev = (visible[id] as PanellistEntry).revision ?? 1;
          // A change after seeing colleagues' scores is shown as such, never silently.
          return h("th", { scope: "col", "data-panellist": names.get(id) ?? id }, names.get(id) ?? id, rev > 1 ? h("span", { class: "fs-tag fs-tag--grey", "data-testid": "revision" }, ` revision ${rev}`) : null);
        }))),
        h("tbody", null, session.questions.map((q, i) =>
          h("tr", null, h("th", { scope: "row" }, `${i + 1}. ${q.text}`), panelIds.map((id) => {
            const s = (visible[id] as PanellistEntry).scores[q.id];
            return h("td", null, s ? h("strong", null, String(s.level)) : "", s?.note ? h("span", { class: "fs-caption" }, s.note) : null);
          }))))),
      waiting.length ? h("p", { class: "fs-hint", "data-testid": "waiting" }, `Not yet submitted: ${waiting.join(", ")}.`) : null,
      flagged.length
        ? h("div", { class: "fs-warning", "data-testid": "divergence" },
            h("p", null, h("strong", null, `Talk these through at calibration: scores ${DIVERGENCE_THRESHOLD_LEVELS} or more levels apart.`)),
            h("ul", { class: "fs-lint" }, flagged.map((d) => {
              const n = session.questions.findIndex((q) => q.id === d.criterionId) + 1;
              return h("li", { "data-question": d.criterionId }, `Question ${n}: ${[...d.levels]
                // In the panel's order here (you first on your own device): ids are random, so their order says nothing.
                .sort((x, y) => session.panellists.findIndex((p) => p.id === x.assessorId) - session.panellists.findIndex((p) => p.id === y.assessorId))
                .map((l) => `${names.get(l.assessorId) ?? l.assessorId} ${l.level}`).join(", ")} (${d.spread} levels apart).`,
                calibration(candidateId, d.criterionId, n));
            })))
        : h("p", { class: "fs-hint", "data-testid": "no-divergence" }, panelIds.length > 1 ? "No question differs by 2 or more levels." : ""),
      session.mode === "ownDevice" ? ownDeviceExchange(true) : null);
  }

  /** The score the panel agrees after talking a divergent question through, and why. */
  function calibration(candidateId: string, questionId: string, n: number): HTMLElement {
    const agreed = session.agreed?.[candidateId]?.[questionId];
    const selId = uid("fs-agreed");
    const noteId = uid("fs-agreed-note");
    const note = h("input", { type: "text", id: noteId, value: agreed?.note ?? "", "data-testid": "agreed-note", "data-fkey": `agreed-note-${questionId}` });
    const select = h("select", { id: selId, "data-testid": "agreed-level", "data-fkey": `agreed-${questionId}` },
      h("option", { value: "" }, "Not agreed yet"),
      scaleOf(session).levels.map((l) => h("option", { value: String(l.level), selected: agreed?.level === l.level }, `${l.level}: ${l.descriptor}`)));
    const store = () => {
      session = setAgreed(session, candidateId, questionId, select.value === "" ? null : Number(select.value), note.value.trim(), new Date().toISOString());
      void save().then(render);
    };
    select.addEventListener("change", store, { signal });
    note.addEventListener("change", () => { if (select.value !== "") store(); }, { signal });
    return h("div", { class: "fs-row" },
      h("label", { for: selId }, `Agreed score for question ${n}`), select,
      h("label", { for: noteId }, "Why (for the record)"), note);
  }

  function lintItems(note: string) {
    return lint(note).map((f) => h("li", null, h("strong", null, `"${f.match}": `), `${f.reason} ${f.suggestion}`));
  }

  // ---------------------------------------------------------------- own device: sync and files
  /**
   * After a submission: tell the API structured scoring was used (yes/no only, through the
   * outbox), and with panel sync on, send the encrypted entry and fetch colleagues'.
   */
  async function afterSubmit(candidate: string, me: string) {
    void sendToBackground("recordScoringFact", { reference, stage: "interview", completed: interviewCompleted(session) });
    if (session.mode !== "ownDevice" || !syncEnabled) return;
    const mine = entryOf(session, candidate, me);
    const p = session.panellists.find((x) => x.id === me)!;
    const closingText = readValue(ctx.profile.vacancy.closingDate, ctx.document, ctx.url);
    // As pages write it ("14/06/2024", "Fri 14 Jun 2024"), read the one way the outcome capture reads it.
    const closingDate = readUkDate(closingText) ?? undefined;
    const sent = await sendToBackground("panelSyncSubmit", {
      reference, channel: "interview", subject: candidate, revision: mine.revision ?? 1,
      ...(closingDate ? { closingDate } : {}),
      entry: { name: p.name, scores: mine.scores, submittedAt: mine.submittedAt! },
    });
    if (!sent.ok) {
      syncNote = `${sent.error} Your scores are saved and locked in this browser; use "Check for colleagues' scores" to try again.`;
      return;
    }
    await pull(candidate);
  }

  /** Colleagues' entries for this candidate, decrypted in the background (released only after we submitted). */
  async function pull(candidate: string) {
    pulled.add(candidate);
    const me = session.me!;
    if (!hasSubmitted(session, candidate, me)) return;
    const r = await sendToBackground("panelSyncRead", { reference, channel: "interview", subject: candidate });
    if (!r.ok) {
      syncNote = r.error;
      return;
    }
    const merged = mergeSyncedEntries(session, candidate, r.entries, r.you);
    // Our own entry may be missing on the server (submitted while offline): send it again.
    if (!r.entries.some((e) => e.assessorId === r.you)) syncNote = "Your own scores are not on the server yet.";
    session = merged.session;
    await save();
    syncNote = `Synced through your organisation's server: ${merged.colleagues} colleague${merged.colleagues === 1 ? "'s scores" : "s' scores"} for this candidate${merged.unreadable ? `; ${merged.unreadable} entr${merged.unreadable === 1 ? "y" : "ies"} could not be decrypted (another organisation secret?)` : ""}.`;
  }

  /** Sync (when trust IT switched it on), export and import of score files; imported scores obey the same hiding rule. */
  function ownDeviceExchange(submitted: boolean): HTMLElement {
    const fileId = uid("fs-import");
    const me = session.me!;
    if (submitted && syncEnabled && candidateId && !pulled.has(candidateId)) {
      // First view after submitting (or after a reload): fetch colleagues' scores once.
      void pull(candidateId).then(render);
    }
    return h("div", { class: "fs-no-print" },
      syncEnabled
        ? h("div", { "data-testid": "sync" },
            h("p", { class: "fs-hint" }, "Panel sync is on for your organisation: your scores and notes are encrypted in this browser before they go to your organisation's server, which cannot read them. Colleagues' scores arrive only after you submit yours."),
            syncNote ? h("p", { class: "fs-info", role: "status", "data-testid": "sync-status" }, syncNote) : null,
            submitted && candidateId
              ? h("div", { class: "fs-row" },
                  h("button", { type: "button", class: "fs-button fs-button--secondary", "data-testid": "sync-refresh", onClick: act(() => pull(candidateId)) }, "Check for colleagues' scores"),
                  h("button", { type: "button", class: "fs-button fs-button--secondary", "data-testid": "sync-revise", onClick: act(async () => {
                    session = revise(session, candidateId, me);
                    await save();
                    message = `Editing revision ${entryOf(session, candidateId, me).revision}: when you submit it, colleagues see it as a revision; your earlier submission is kept.`;
                  }) }, "Change my submitted scores (new revision)"),
                  h("button", { type: "button", class: "fs-link", "data-testid": "sync-delete", onClick: act(async () => {
                    const r = await sendToBackground("panelSyncDelete", { reference });
                    if (!r.ok) throw new Error(r.error);
                    syncNote = `Deleted ${r.deleted} synced entr${r.deleted === 1 ? "y" : "ies"} for this vacancy from your organisation's server. Scores kept in each browser are not affected.`;
                  }) }, "Delete this vacancy's synced scores from the server"))
              : null)
        : null,
      h("div", { class: "fs-row" },
        submitted && h("button", { type: "button", class: "fs-button fs-button--secondary", onClick: act(() => {
          const p = session.panellists.find((x) => x.id === me)!;
          download(`interview-scores-${safeName(reference)}-${safeName(p.name)}-${me.slice(-6)}.json`, "application/json", JSON.stringify(scoresFileOf(session, ctx.profile.id, reference), null, 2));
        }) }, "Export my submitted scores"),
        h("label", { for: fileId }, "Import a panellist's exported scores"),
        h("input", { type: "file", id: fileId, accept: "application/json,.json", "data-testid": "import-scores", onChange: async (ev: Event) => {
          const file = (ev.target as HTMLInputElement).files?.[0];
          if (!file) return;
          await act(async () => {
            const r = importScoresFile(session, await file.text(), { profileId: ctx.profile.id, vacancyRef: reference });
            if ("error" in r) throw new Error(r.error);
            session = r.session;
            await save();
            message = r.message;
          })();
        } })));
  }

  // ---------------------------------------------------------------- decision record
  function decisionRecord(): HTMLElement {
    const me = viewer();
    const { candidates, ranking } = recordFor(session, me);
    const names = new Map(session.panellists.map((p) => [p.id, p.name]));
    return h("section", { "data-testid": "decision-record" },
      h("h3", null, "Decision record"),
      h("p", { class: "fs-hint" }, me
        ? "Candidates you have submitted scores for, with every submitted score. Total = sum over questions of the panel's mean score."
        : "Candidates every panellist has submitted scores for."),
      candidates.length
        ? h("table", { "data-testid": "ranking" },
            h("thead", null, h("tr", null, ["Rank", "Candidate", "Total", "By panellist", `Questions ${DIVERGENCE_THRESHOLD_LEVELS}+ levels apart`, "Decision"].map((t) => h("th", { scope: "col" }, t)))),
            h("tbody", null, ranking.map((r) =>
              h("tr", { "data-candidate": r.applicantId },
                h("td", null, r.rank === null ? "incomplete" : String(r.rank)),
                h("td", null, r.applicantId),
                h("td", null, r.total.toFixed(2).replace(/\.00$/, "")),
                h("td", null, Object.entries(r.byAssessor).map(([a, t]) => `${names.get(a) ?? a}: ${t}`).join("; ")),
                h("td", null, String(divergences(session, r.applicantId, me).length)),
                h("td", null, decisionSelect(r.applicantId))))))
        : h("p", null, "Nothing to show yet."),
      candidates.length
        ? h("div", { class: "fs-row fs-no-print" },
            h("button", { type: "button", class: "fs-button", "data-testid": "download-csv", onClick: () => download(`interview-record-${safeName(reference)}.csv`, "text/csv", decisionCsv(session, me)) }, "Download CSV"),
            h("button", { type: "button", class: "fs-button fs-button--secondary", "data-testid": "download-record", onClick: () => void printableRecord(me).then((html) => download(`interview-record-${safeName(reference)}.html`, "text/html", html)) }, "Download printable record"))
        : null);
  }

  function decisionSelect(candidateId: string): HTMLElement {
    const current = session.decisions?.[candidateId]?.decision
    const words: Record<AppointmentDecision, string> = { appointed: "Appoint", reserve: "Reserve", notAppointed: "Do not appoint" }
    return h("select", {
      "aria-label": `Decision for candidate ${candidateId}`, "data-testid": "appointment-decision", "data-fkey": `decision-${candidateId}`,
      onchange: (ev: Event) => {
        const v = (ev.target as HTMLSelectElement).value
        session = setDecision(session, candidateId, v === "" ? null : (v as AppointmentDecision), new Date().toISOString())
        void save().then(render)
      },
    }, h("option", { value: "" }, "Not decided"), APPOINTMENT_DECISIONS.map((d) => h("option", { value: d, selected: current === d }, words[d])))
  }

  /** The interview record for the file (shared/src/records.ts): panel check, scores, calibration, decisions. */
  async function printableRecord(me: string | undefined): Promise<string> {
    const { candidates, scores } = recordFor(session, me);
    const pc = await ctx.storage.get<RecordedPanelCheck | null>(panelCheckKey(ctx.profile.id, reference), null);
    const submittedAt: Record<string, Record<string, string>> = {};
    for (const c of candidates) {
      for (const [p, e] of Object.entries(visibleEntries(session, c, me))) {
        if (e.submittedAt) (submittedAt[c] ??= {})[p] = new Date(e.submittedAt).toISOString();
      }
    }
    return recordHtml(interviewRecord({
      system: ctx.profile.name,
      vacancy: { reference, jobTitle: readValue(ctx.profile.vacancy.jobTitle, ctx.document, ctx.url), band: readValue(ctx.profile.vacancy.band, ctx.document, ctx.url) },
      scale: scaleOf(session),
      questions: session.questions,
      panellists: session.panellists.map((p) => ({ id: p.id, name: p.name })),
      candidates,
      scores,
      submittedAt,
      panelCheck: pc ? { applies: pc.outcome.ruleApplies, met: pc.outcome.ruleMet, failedRules: pc.outcome.failedRules, reason: pc.reason, policyName: pc.policyName, recordedAt: new Date(pc.recordedAt).toISOString() } : null,
      agreed: Object.fromEntries(candidates.map((c) => [c, session.agreed?.[c] ?? {}])),
      decisions: Object.fromEntries(candidates.filter((c) => session.decisions?.[c]).map((c) => [c, session.decisions![c]!])),
      generatedAt: new Date().toISOString(),
    }));
  }


  render();
}
