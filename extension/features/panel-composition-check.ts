/**
 * Panel-composition check (interview screens). For posts at or above the trust's threshold the
 * overlay checks the panel the host page lists (size, external members) and the chair's answers
 * about the panel as a whole against the trust's panel policy (options page; shared/panelPolicy).
 * Non-compliance says why and asks for a reason if the panel goes ahead; it never blocks the host.
 * Recorded in this browser: the yes/no outcome per rule (sent later with the vacancy's outcome)
 * and the reason (never sent). Never who on the panel is what.
 */
import { PANEL_RULE_QUESTIONS, type ConfirmablePanelRuleId, type PanelConfirmations } from "@fair-shortlist/shared/panelPolicy";
import { bandLabel } from "@fair-shortlist/shared/bands";
import { defineFeature, type FeatureContext } from "~lib/feature";
import { h, replaceChildren, uid } from "~lib/dom";
import { mountOverlay, type Overlay } from "~lib/overlayHost";
import { onSubtreeChange } from "~lib/observe";
import { readFlag, readValue, safeQueryAll } from "~lib/profileRead";
import { vacancyFactsSeen, type VacancyFactsSeen } from "~lib/vacancyFacts";
import { sendToBackground } from "~background/protocol";
import {
  evaluate,
  internalDomainsFor,
  isExternal,
  membersFromText,
  panelCheckKey,
  panelOutcomeOf,
  questionsFor,
  readBand,
  type PanelMemberOnPage,
  type RecordedPanelCheck,
} from "~interview/panelCheck";

const ID = "panel-composition-check";
const MIN_REASON_LENGTH = 10;

interface Stored {
  confirmations: PanelConfirmations;
  recorded?: RecordedPanelCheck & { size: number; externalMembers: number };
}

function membersOnPage(ctx: FeatureContext): PanelMemberOnPage[] {
  const panel = ctx.profile.panel!;
  // With `panel.name`, a row without a name (an empty "add a member" row) is not a member. The name is only tested for presence, never kept.
  // A panel written as text: each row element holds several members (membersFromText).
  if (panel.split) return safeQueryAll(ctx.document, panel.row).flatMap((row) => membersFromText(row.textContent ?? "", panel.split!, panel.external?.pattern));
  const rows = safeQueryAll(ctx.document, panel.row).filter((row) => !panel.name || readValue(panel.name, row) !== null);
  return rows.map((row) => ({
    email: readValue(panel.email, row),
    flaggedExternal: readFlag(panel.external, row),
  }));
}

export default defineFeature({
  id: ID,
  name: "Panel-composition check",
  screens: ["interview"],
  async init(ctx, signal) {
    const panel = ctx.profile.panel;
    if (!panel) return false;
    const anchorSelector = panel.anchor ?? ctx.profile.interview?.anchor;
    if (!anchorSelector) return false;
    // Validated by the background worker (settings/store.ts), so no zod schema is built on the page.
    const answer = await sendToBackground("getPanelPolicy", {});
    if (!answer.ok) {
      ctx.diagnostics.report({ feature: ID, path: "panelPolicy", message: `could not read your organisation's panel policy (${answer.error}), so the panel is not checked.` });
      return false;
    }
    const policy = answer.policy;
    const internalDomains = internalDomainsFor(answer.internalEmailDomains, panel.internalEmailDomains);
    let overlay: Overlay | null = null;

    ctx.observe("panel.anchor", anchorSelector, (anchor) => {
      if (overlay?.host.isConnected) return;
      overlay = mountOverlay(anchor, "after", { feature: ID, label: "Interview panel check", signal });
      const body = overlay.body;
      const reference = readValue(ctx.profile.vacancy.reference, ctx.document, ctx.url);
      const key = reference ? panelCheckKey(ctx.profile.id, reference) : null;
      let stored: Stored = { confirmations: {} };
      let seen: VacancyFactsSeen | undefined;
      let reasonDraft = "";
      let error = "";
      let sentNote: { text: string; delivered: boolean } | undefined;

      /**
       * The yes/no outcome per rule goes to the API now, from this browser (durable outbox): HR
       * may capture the counts on another machine, and the API joins the two on the vacancy key.
       */
      const sendOutcome = async (recorded: RecordedPanelCheck) => {
        const r = await sendToBackground("recordPanelCheck", { reference: reference!, recordedAt: new Date(recorded.recordedAt).toISOString(), panel: recorded.outcome });
        sentNote = r.ok ? { text: r.message, delivered: r.delivered } : { text: `Recorded in this browser; not sent: ${r.error}`, delivered: false };
        render();
      };

      const save = async () => {
        if (key) await ctx.storage.set(key, stored);
      };

      const render = () => {
        // Re-rendering replaces the controls: keep keyboard focus where it was.
        const focusKey = (overlay!.root.activeElement as HTMLElement | null)?.dataset?.fkey;
        draw();
        if (focusKey) (overlay!.root.querySelector(`[data-fkey="${CSS.escape(focusKey)}"]`) as HTMLElement | null)?.focus();
      };

      const draw = () => {
        const pageBand = readValue(ctx.profile.vacancy.band, ctx.document, ctx.url);
        // An interview screen that does not print the band: the one another screen of the vacancy showed.
        const bandText = pageBand ?? seen?.facts.band ?? null;
        const bandFrom = pageBand ? "" : bandText ? " (band as shown on another screen of this vacancy)" : "";
        const band = readBand(bandText);
        const members = membersOnPage(ctx);
        const panelLoaded = members.length > 0;
        const heading = h("h2", null, "Interview panel check");
        const policyLine = h("p", { class: "fs-hint" }, `Your organisation's policy: ${policy.name}.`);

        if (!reference) {
          replaceChildren(body, h("div", { class: "fs-panel" }, heading, h("p", { class: "fs-warning" }, "The vacancy reference is not on this page, so the panel check cannot be recorded for it.")));
          return;
        }
        if (band.band === null) {
          replaceChildren(body, h("div", { class: "fs-panel" }, heading, policyLine, h("p", { class: "fs-warning", role: "status" }, `${band.problem} The panel check needs the band to know whether the policy applies.`)));
          return;
        }
        const evaluation = evaluate(policy, band.band, members, internalDomains, stored.confirmations);
        if (!evaluation.applies) {
          // Below the threshold: nothing to ask, but the outcome "rule did not apply" is recorded.
          if (!stored.recorded || stored.recorded.outcome.ruleApplies) {
            stored = { ...stored, recorded: { outcome: panelOutcomeOf(evaluation), policyName: policy.name, recordedAt: Date.now(), size: members.length, externalMembers: 0 } };
            void save().then(() => sendOutcome(stored.recorded!));
          }
          replaceChildren(
            body,
            h("div", { class: "fs-panel fs-panel--compact", "data-testid": "panel-check", "data-state": "not-applicable" }, heading,
              h("p", { class: "fs-info", role: "status" }, `No panel check is needed: the policy applies to posts at ${bandLabel(policy.appliesFromBand)} and above, and this post is ${bandLabel(band.band)}.`),
              policyLine),
          );
          return;
        }
        if (!panelLoaded) {
          replaceChildren(body, h("div", { class: "fs-panel" }, heading, h("p", { role: "status" }, "Waiting for the panel to be listed on this page…")));
          return;
        }
        const externalMembers = members.filter((m) => isExternal(m, internalDomains)).length;
        const questions = questionsFor(evaluation, externalMembers);
        const unanswered = questions.filter((q) => stored.confirmations[q] === undefined);
        const failedReasons = evaluation.rules.filter((r) => r.required && r.passed === false);

        const facts = h("p", { "data-testid": "panel-facts" },
          `The page lists ${members.length} panel member${members.length === 1 ? "" : "s"}${externalMembers ? `, ${externalMembers} of them external` : ""}.`,
          band.warning ? ` ${band.warning}` : "");

        const questionBlock = questions.length
          ? h("div", null,
              h("h3", null, "The chair confirms, for the panel as a whole"),
              h("p", { class: "fs-hint" }, "Answer for the whole panel. Nothing records which member is which."),
              questions.map((q) => confirmQuestion(q, stored.confirmations[q], async (value) => {
                stored = { ...stored, confirmations: { ...stored.confirmations, [q]: value } };
                await save();
                render();
              })))
          : null;

        let verdict: HTMLElement;
        if (unanswered.length > 0) {
          verdict = h("p", { class: "fs-info", role: "status", "data-testid": "panel-verdict", "data-state": "pending" },
            `Answer ${unanswered.length === 1 ? "the question" : `the ${unanswered.length} questions`} above to complete the check.`,
            failedReasons.length ? ` Already not met: ${failedReasons.map((r) => r.reason).join(" ")}` : "");
        } else if (evaluation.met) {
          verdict = h("div", { class: "fs-info", role: "status", "data-testid": "panel-verdict", "data-state": "compliant" },
            h("p", null, h("strong", null, "The panel meets the policy.")),
            h("ul", { class: "fs-lint" }, evaluation.rules.filter((r) => r.required).map((r) => h("li", null, r.reason))));
        } else {
          verdict = h("div", { class: "fs-warning fs-warning--error", role: "alert", "data-testid": "panel-verdict", "data-state": "non-compliant" },
            h("p", null, h("strong", null, "The panel does not meet the policy:")),
            h("ul", { class: "fs-lint" }, failedReasons.map((r) => h("li", null, r.reason))),
            h("p", null, "Interviews can still go ahead (this check does not block the recruitment system). If they do, record why."));
        }

        const reasonId = uid("fs-reason");
        const needsReason = unanswered.length === 0 && !evaluation.met;
        const reasonField = needsReason
          ? h("div", null,
              h("label", { for: reasonId, class: "fs-h3" }, "Reason the panel is going ahead"),
              h("p", { class: "fs-hint", id: `${reasonId}-hint` }, "Stays in this browser for your records; it is never sent."),
              h("textarea", { id: reasonId, "aria-describedby": `${reasonId}-hint`, "data-testid": "panel-reason", "data-fkey": "reason", onInput: (e: Event) => (reasonDraft = (e.target as HTMLTextAreaElement).value) }, reasonDraft))
          : null;

        const record = async () => {
          error = "";
          if (needsReason && reasonDraft.trim().length < MIN_REASON_LENGTH) {
            error = "Give the reason the panel is going ahead (a sentence).";
            render();
            return;
          }
          stored = {
            ...stored,
            recorded: {
              outcome: panelOutcomeOf(evaluation),
              ...(needsReason ? { reason: reasonDraft.trim() } : {}),
              policyName: policy.name,
              recordedAt: Date.now(),
              size: members.length,
              externalMembers,
            },
          };
          await save();
          render();
          await sendOutcome(stored.recorded!);
        };

        const recorded = stored.recorded?.outcome.ruleApplies ? stored.recorded : undefined;
        const changedSince = recorded && (recorded.size !== members.length || recorded.externalMembers !== externalMembers);
        const recordedNote = recorded
          ? h("p", { class: changedSince ? "fs-warning" : "fs-info", role: "status", "data-testid": "panel-recorded" },
              `Recorded ${new Date(recorded.recordedAt).toLocaleString("en-GB")}: policy ${recorded.outcome.ruleMet ? "met" : "not met"}${recorded.reason ? `; reason: ${recorded.reason}` : ""}. Only this yes/no outcome per rule is sent to your organisation's API (the reason stays here).`,
              changedSince ? " The panel on the page has changed since: record the check again." : "")
          : null;

        replaceChildren(
          body,
          h("div", { class: "fs-panel", "data-testid": "panel-check", "data-state": "applies" },
            heading,
            policyLine,
            h("p", null, `This post is ${bandLabel(band.band)}${bandFrom}: the policy applies to posts at ${bandLabel(policy.appliesFromBand)} and above.`),
            facts,
            questionBlock,
            verdict,
            reasonField,
            error ? h("p", { class: "fs-error", role: "alert" }, error) : null,
            unanswered.length === 0
              ? h("button", { type: "button", class: "fs-button", "data-fkey": "record", onClick: () => void record() }, evaluation.met ? "Record panel check" : "Record and go ahead")
              : null,
            recordedNote,
            sentNote ? h("p", { class: sentNote.delivered ? "fs-info" : "fs-warning", role: "status", "data-testid": "panel-sent", "data-state": sentNote.delivered ? "delivered" : "queued" }, sentNote.text) : null,
          ),
        );
      };

      void (async () => {
        if (key) stored = await ctx.storage.get<Stored>(key, { confirmations: {} });
        if (reference) seen = await vacancyFactsSeen(ctx.profile, ctx.storage, reference, ctx.document, ctx.url);
        render();
        // The host lists the panel late and re-renders it: follow it.
        onSubtreeChange(anchor, render, signal, { childList: true, subtree: true, characterData: true });
      })();
    });
  },
});

function confirmQuestion(id: ConfirmablePanelRuleId, value: boolean | undefined, onChange: (v: boolean) => void): HTMLElement {
  const name = uid(`fs-q-${id}`);
  const option = (v: boolean, label: string) =>
    h("label", { class: "fs-radio" }, h("input", { type: "radio", name, value: String(v), checked: value === v, "data-fkey": `${id}-${v}`, onChange: () => onChange(v) }), label);
  return h("fieldset", { "data-rule": id }, h("legend", null, PANEL_RULE_QUESTIONS[id]), h("div", { class: "fs-radios" }, option(true, "Yes"), option(false, "No")));
}

