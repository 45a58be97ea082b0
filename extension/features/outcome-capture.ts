/**
 * Outcome capture (the host's outcome / equality-monitoring report). Counts shortlisted and
 * appointed applicants per ethnic group (WRES indicator 2: offers declined left out) and, where
 * the report shows disability, per disability group by the same rule (WDES metric 2), shows the
 * user exactly what will be sent (counts, band, staff group, closing date, the panel-rule
 * outcome: nothing else, and the vacancy only as a keyed hash), and on confirmation hands it to
 * the background outbox, which delivers it to the organisation's API, retrying until it lands.
 */
import { BAND_IDS, bandLabel, type Band, type StaffGroup } from "@fair-shortlist/shared/bands";
import { DISABILITY_GROUPS, DISABILITY_GROUP_LABELS } from "@fair-shortlist/shared/disability";
import type { OutcomeSubmission } from "@fair-shortlist/shared/schemas/api";
import { defineFeature } from "~lib/feature";
import { h, replaceChildren, uid } from "~lib/dom";
import { mountOverlay, type Overlay } from "~lib/overlayHost";
import { onSubtreeChange } from "~lib/observe";
import { readValue, safeQueryAll } from "~lib/profileRead";
import { vacancyFactsSeen } from "~lib/vacancyFacts";
import { sendToBackground, type OutcomeDraft } from "~background/protocol";
import type { SubmissionState } from "~background/outbox";
import { submissionMessage } from "~background/submissionMessage";
import { OUTBOX_STORAGE_KEY_NAME } from "~settings/storageKeys";
import { countOutcomes, readStaffGroup, type CountResult, type ReportRow } from "~outcomes/countOutcomes";
import { readUkDate } from "@fair-shortlist/shared/periods";
import { panelCheckKey, readBand, type RecordedPanelCheck } from "~interview/panelCheck";

const ID = "outcome-capture";
const GROUP_LABELS = { white: "White", bme: "Black and minority ethnic (BME)", notStated: "Not stated" } as const;

interface Draftable {
  band: Band | null;
  staffGroup: StaffGroup | null;
  closingDate: string | null;
}

export default defineFeature({
  id: ID,
  name: "Outcome capture",
  screens: ["outcomeReport"],
  async init(ctx, signal) {
    const report = ctx.profile.outcomeReport;
    if (!report) return false;
    let overlay: Overlay | null = null;

    ctx.observe("outcomeReport.anchor", report.anchor ?? report.row, (anchor) => {
      if (overlay?.host.isConnected) return;
      overlay = mountOverlay(anchor, "before", { feature: ID, label: "Send anonymised outcome", signal });
      const body = overlay.body;
      const facts = (() => {
        const v = ctx.profile.vacancy;
        const bandText = readValue(v.band, ctx.document, ctx.url);
        const band = readBand(bandText);
        return {
          reference: readValue(v.reference, ctx.document, ctx.url),
          bandText,
          band,
          staffGroupText: readValue(v.staffGroup, ctx.document, ctx.url),
          closingText: readValue(v.closingDate, ctx.document, ctx.url),
          /** Some facts were read on another screen of the vacancy (lib/vacancyFacts.ts). */
          elsewhere: false,
        };
      })();
      const chosen: Draftable = {
        band: facts.band.band,
        staffGroup: readStaffGroup(facts.staffGroupText, ctx.profile.vacancy.staffGroupLabels),
        closingDate: readUkDate(facts.closingText),
      };
      let panel: RecordedPanelCheck | undefined;
      let preview: { payload?: OutcomeSubmission; error?: string } = {};
      let sent: { vacancyKey: string; submission: SubmissionState; message: string } | undefined;
      let sending = false;
      let previewSeq = 0;

      const readRows = (): ReportRow[] =>
        safeQueryAll(ctx.document, report.row).map((row) => ({
          applicantId: readValue(report.applicantId, row),
          stage: readValue(report.stage, row),
          ethnicity: readValue(report.ethnicity, row),
          ...(report.disability ? { disability: readValue(report.disability, row) } : {}),
        }));
      const count = () => countOutcomes(readRows(), report.stageLabels, { disability: !!report.disability });

      const draft = (counted: CountResult): OutcomeDraft | null => {
        if (!facts.reference || !chosen.band || !chosen.staffGroup || !chosen.closingDate) return null;
        return {
          reference: facts.reference,
          closingDate: chosen.closingDate,
          band: chosen.band,
          staffGroup: chosen.staffGroup,
          counts: counted.counts,
          // Only when the report shows disability: a vacancy sent without it is "not recorded" for WDES.
          ...(counted.disabilityCounts ? { disabilityCounts: counted.disabilityCounts } : {}),
          // The panel check is not sent from here: the chair's browser sent it when it was recorded,
          // and the API joins it to these counts on the vacancy key.
        };
      };

      const refreshPreview = async () => {
        const seq = ++previewSeq;
        const d = draft(count());
        if (!d) {
          preview = {};
        } else {
          const r = await sendToBackground("previewOutcome", d);
          if (seq !== previewSeq) return;
          preview = r.ok ? { payload: r.payload } : { error: r.issues?.length ? `${r.error} ${r.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}` : r.error };
          // A submission of this vacancy the API rejected earlier stays in view until dealt with.
          if (r.ok && !sent) {
            const known = await sendToBackground("getSubmissionState", { vacancyKey: r.payload.vacancyKey });
            if (seq !== previewSeq) return;
            if (known.ok && known.submission.state === "rejected" && !sent)
              sent = { vacancyKey: r.payload.vacancyKey, submission: known.submission, message: submissionMessage(known.submission) };
          }
        }
        render();
      };

      const send = async () => {
        const d = draft(count());
        if (!d) return;
        sending = true;
        render();
        const r = await sendToBackground("queueOutcome", d);
        sending = false;
        if (r.ok) sent = { vacancyKey: r.payload.vacancyKey, submission: r.submission, message: r.message };
        else preview = { ...preview, error: r.error };
        render();
      };

      const dismiss = async () => {
        if (!sent) return;
        const r = await sendToBackground("dismissRejected", { vacancyKey: sent.vacancyKey });
        if (r.ok) sent = undefined;
        render();
      };

      /** Ask the background where this vacancy's submission stands (it may have been sent or rejected since). */
      const follow = async () => {
        if (!sent || sent.submission.state === "delivered") return;
        const key = sent.vacancyKey;
        const r = await sendToBackground("getSubmissionState", { vacancyKey: key });
        if (!r.ok || sent?.vacancyKey !== key) return;
        // "unknown" after a rejection means the user dismissed it (here or in the popup).
        if (r.submission.state === "unknown" && sent.submission.state === "rejected") sent = undefined;
        else if (r.submission.state !== "unknown") sent = { ...sent, submission: r.submission, message: submissionMessage(r.submission) };
        render();
      };

      const select = <T extends string>(label: string, value: T | null, options: ReadonlyArray<readonly [T, string]>, onChange: (v: T) => void, testid: string, hint?: string) => {
        const id = uid("fs-sel");
        return h("div", null,
          h("label", { for: id, class: "fs-h3" }, label),
          hint ? h("p", { class: "fs-hint" }, hint) : null,
          h("select", { id, "data-testid": testid, onChange: (e: Event) => onChange((e.target as HTMLSelectElement).value as T) },
            h("option", { value: "", selected: value === null }, "Choose…"),
            options.map(([v, text]) => h("option", { value: v, selected: v === value }, text))));
      };

      const render = () => {
        const counted = count();
        const heading = h("h2", null, "Send this vacancy's anonymised outcome");
        if (!facts.reference) {
          replaceChildren(body, h("div", { class: "fs-panel" }, heading, h("p", { class: "fs-warning" }, "The vacancy reference is not on this page, so the outcome cannot be keyed.")));
          return;
        }
        const c = counted.counts;
        const table = h("table", { "data-testid": "outcome-counts" },
          h("caption", { class: "fs-visually-hidden" }, "Shortlisted and appointed per ethnic group"),
          h("thead", null, h("tr", null, h("th", { scope: "col" }, "Group"), h("th", { scope: "col" }, "Shortlisted"), h("th", { scope: "col" }, "Appointed"))),
          h("tbody", null, (["white", "bme", "notStated"] as const).map((g) =>
            h("tr", { "data-group": g }, h("th", { scope: "row" }, GROUP_LABELS[g]), h("td", { "data-cell": "shortlisted" }, c[g].shortlisted), h("td", { "data-cell": "appointed" }, c[g].appointed)))));
        const d = counted.disabilityCounts;
        const disability = d
          ? h("div", { class: "fs-inset" },
              h("table", { "data-testid": "outcome-disability-counts" },
                h("caption", { class: "fs-visually-hidden" }, "Shortlisted and appointed per disability group"),
                h("thead", null, h("tr", null, h("th", { scope: "col" }, "Disability"), h("th", { scope: "col" }, "Shortlisted"), h("th", { scope: "col" }, "Appointed"))),
                h("tbody", null, DISABILITY_GROUPS.map((g) =>
                  h("tr", { "data-group": g }, h("th", { scope: "row" }, DISABILITY_GROUP_LABELS[g]), h("td", { "data-cell": "shortlisted" }, d[g].shortlisted), h("td", { "data-cell": "appointed" }, d[g].appointed))))),
              h("p", { class: "fs-hint" }, "WDES metric 2 is the likelihood of non-disabled applicants being appointed from shortlisting over that of Disabled applicants; not declared is counted apart."))
          : h("p", { class: "fs-hint", "data-testid": "outcome-no-disability" }, "Disability is not shown on this report: WDES metric 2 will be 'not recorded' for this vacancy.");

        const notes = h("ul", { class: "fs-lint", "data-testid": "outcome-notes" },
          h("li", null, `${counted.rows} rows in the report.`),
          counted.offersDeclined ? h("li", null, `${counted.offersDeclined} offer${counted.offersDeclined === 1 ? "" : "s"} declined: left out, as WRES indicator 2 requires.`) : null,
          counted.notCounted.length ? h("li", null, `Not shortlisted, so not counted: ${counted.notCounted.map((n) => `${n.stage} (${n.rows})`).join(", ")}.`) : null,
          counted.duplicates ? h("li", null, `${counted.duplicates} duplicate row${counted.duplicates === 1 ? "" : "s"} for the same applicant counted once.`) : null,
          counted.conflicts
            ? h("li", { class: "fs-error", "data-testid": "outcome-conflicts" }, `${counted.conflicts} applicant${counted.conflicts === 1 ? " is" : "s are"} listed more than once with a different stage or ethnicity: each is counted once, by the row furthest along (appointed, then offer declined, then shortlisted). Check the report before sending.`)
            : null,
          counted.ethnicityWarnings.map((w) => h("li", { class: "fs-error" }, `${w.rows} × ${w.warning}`)),
          counted.disabilityWarnings.map((w) => h("li", { class: "fs-error", "data-testid": "outcome-disability-warning" }, `${w.rows} × disability "${w.label}" is not an answer we recognise: counted as not declared. Check the report before sending.`)));

        const bandOptions = BAND_IDS.map((b) => [b, bandLabel(b)] as const);
        const readFrom = facts.elsewhere ? "Read from this vacancy's pages" : "Read from the page";
        const dateId = uid("fs-date");
        const fields = h("div", null,
          select("Band", chosen.band, bandOptions, (v) => { chosen.band = v || null; void refreshPreview(); }, "outcome-band",
            facts.band.band ? (facts.band.warning ?? `${readFrom}: "${facts.bandText}".`) : `${facts.band.problem} Choose it.`),
          select("Staff group", chosen.staffGroup, [["clinical", "Clinical"], ["nonClinical", "Non-clinical"]] as const, (v) => { chosen.staffGroup = v || null; void refreshPreview(); }, "outcome-staff-group",
            chosen.staffGroup || !facts.staffGroupText ? (facts.staffGroupText ? `${readFrom}: "${facts.staffGroupText}".` : "The page does not show it. Choose it.") : `"${facts.staffGroupText}" is not a staff group we recognise. Choose it.`),
          h("label", { for: dateId, class: "fs-h3" }, "Closing date"),
          h("p", { class: "fs-hint" }, facts.closingText ? `${readFrom}: "${facts.closingText}". It decides the financial year.` : "The page does not show it. Enter it."),
          h("input", { id: dateId, type: "date", value: chosen.closingDate ?? "", "data-testid": "outcome-closing-date", style: "display: block; max-width: 220px; margin-bottom: 16px", onChange: (e: Event) => { chosen.closingDate = (e.target as HTMLInputElement).value || null; void refreshPreview(); } }));

        const panelLine = h("p", { "data-testid": "outcome-panel" }, panel
          ? panel.outcome.ruleApplies
            ? `Panel check (recorded in this browser ${new Date(panel.recordedAt).toLocaleDateString("en-GB")}): ${panel.outcome.ruleMet ? "policy met" : `policy not met (${panel.outcome.failedRules.join(", ")})`}. It was sent when it was recorded; the API joins it to these counts.`
            : "Panel check: the policy did not apply to this band. It was sent when it was recorded."
          : "The panel check is sent from the chair's browser when it is recorded there; the API joins it to these counts by the vacancy's key, whichever arrives first.");

        const exact = preview.payload
          ? h("div", null,
              h("h3", null, "Exactly what will be sent"),
              h("p", { class: "fs-hint" }, "The vacancy reference is replaced by a keyed hash (vacancyKey). No names, no applicant or panel member details, no notes, no scores."),
              h("pre", { "data-testid": "outcome-payload", tabindex: "0" }, JSON.stringify(preview.payload, null, 2)))
          : null;
        const problem = preview.error ? h("p", { class: "fs-warning fs-warning--error", role: "alert", "data-testid": "outcome-error" }, preview.error) : null;
        const ready = !!preview.payload && !sending;
        const state = sent?.submission.state === "unknown" ? "queued" : sent?.submission.state;
        const status = sent
          ? h("div", null,
              h("p", { class: state === "delivered" ? "fs-info" : state === "rejected" ? "fs-warning fs-warning--error" : "fs-warning", role: state === "rejected" ? "alert" : "status", "data-testid": "outcome-status", "data-state": state }, sent.message),
              state === "rejected"
                ? h("button", { type: "button", class: "fs-button fs-button--secondary", "data-testid": "outcome-dismiss", onClick: () => void dismiss() }, "Dismiss: I will not send this one")
                : null)
          : null;

        replaceChildren(body,
          h("div", { class: "fs-panel", "data-testid": "outcome-capture" },
            heading,
            h("p", null, "For your organisation's WRES indicator 2 (relative likelihood of appointment from shortlisting) and, where the report shows disability, WDES metric 2. Check the figures, then confirm."),
            table, disability, notes, fields, panelLine, problem, exact,
            h("button", { type: "button", class: "fs-button", disabled: !ready, onClick: () => void send() }, sending ? "Sending…" : sent ? "Send again (replaces the earlier record)" : "Confirm and send"),
            status));
      };

      void (async () => {
        panel = await ctx.storage.get<{ recorded?: RecordedPanelCheck } | undefined>(panelCheckKey(ctx.profile.id, facts.reference ?? ""), undefined).then((s) => s?.recorded);
        // A report that does not print the band, staff group or closing date: what another screen of the vacancy showed.
        if (facts.reference) {
          const seen = await vacancyFactsSeen(ctx.profile, ctx.storage, facts.reference, ctx.document, ctx.url);
          if (seen.remembered.includes("band") && !chosen.band) {
            facts.bandText = seen.facts.band!;
            facts.band = readBand(facts.bandText);
            chosen.band = facts.band.band;
          }
          if (seen.remembered.includes("staffGroup") && !chosen.staffGroup) {
            facts.staffGroupText = seen.facts.staffGroup!;
            chosen.staffGroup = readStaffGroup(facts.staffGroupText, ctx.profile.vacancy.staffGroupLabels);
          }
          if (seen.remembered.includes("closingDate") && !chosen.closingDate) {
            facts.closingText = seen.facts.closingDate!;
            chosen.closingDate = readUkDate(facts.closingText);
          }
          facts.elsewhere = seen.remembered.length > 0;
        }
        await refreshPreview();
        onSubtreeChange(anchor, () => void refreshPreview(), signal, { childList: true, subtree: true, characterData: true });
        // The outbox delivers (or the API rejects) later when the API was down: follow it. The
        // change is only a cue; the background says what became of this vacancy.
        ctx.storage.onChanged(OUTBOX_STORAGE_KEY_NAME, () => void follow(), signal);
      })();
    });
  },
});

