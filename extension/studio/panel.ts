/**
 * The studio panel: one fixed panel in our own shadow root (the host page's DOM is not changed
 * beyond that one element), a control per profile field (pick, the proposed selector, how many
 * elements it matches), plain-words matchers for screens and flags, label mappings filled from
 * the values seen on the page, the live read-out, and save / export / import.
 *
 * Text from the page is only ever set as text (lib/dom.ts), never as markup.
 */
import { IDENTIFYING_FIELD_KINDS, SCREEN_KINDS, type DecisionControl, type Flag, type ScreenKind } from "@fair-shortlist/shared/siteProfile";
import { sendToBackground } from "~background/protocol";
import { h, replaceChildren, type Child } from "~lib/dom";
import { onUrlChange } from "~lib/navigation";
import { NHS_OVERLAY_CSS } from "~lib/nhsStyles";
import { OVERLAY_SHADOW_MODE } from "~lib/overlayHost";
import { assignLabel, categoryOf, containsToPath, draftToJson, getAt, pathToContains, patternToText, setAt, textToPattern, type Draft } from "./draft";
import { criteriaFields, criteriaGroupCount, labelMappingsOf, SCREEN_NAMES, SECTIONS, type StudioField } from "./fields";
import { observePage, selectorOfField, sourceOf } from "./observePage";
import { isValidSelector, queryAll } from "./pageQuery";
import { proposalsFor, startPick } from "./picker";
import { buildReadout, type PageObservation, type Readout } from "./readout";
import type { Proposal, ProposalMode } from "./selectorProposal";
import { STUDIO_CSS } from "./styles";

export const STUDIO_TAG = "fair-shortlist-studio";

export interface StudioStore {
  load(): Promise<Draft>;
  save(draft: Draft): Promise<void>;
  reset(): Promise<Draft>;
}

interface PickTarget {
  path: string;
  mode: ProposalMode;
  rowOf?: string;
  kind: StudioField["kind"] | "marker" | "identifying";
}

export function mountStudio(store: StudioStore, onClose: () => void): () => void {
  const life = new AbortController();
  const host = document.createElement(STUDIO_TAG);
  host.style.setProperty("all", "initial", "important");
  // Closed like every overlay (lib/overlayHost.ts): the host page's scripts cannot read the studio.
  const root = host.attachShadow({ mode: OVERLAY_SHADOW_MODE });
  const style = document.createElement("style");
  style.textContent = NHS_OVERLAY_CSS + STUDIO_CSS;
  root.appendChild(style);
  const layer = h("div", { class: "studio-layer" });
  const panel = h("div", { class: "studio", role: "dialog", "aria-label": "Fair Shortlist profile studio", "data-testid": "studio" });
  root.append(layer, panel);
  document.documentElement.appendChild(host);

  let draft: Draft = {};
  let obs: PageObservation | null = null;
  let readout: Readout | null = null;
  const proposals: Record<string, Proposal[]> = {};
  let stopPick: (() => void) | null = null;
  let pickingPath: string | null = null;
  let message: { text: string; kind: "ok" | "error"; items?: string[] } | null = null;
  let identifyingKind: string = "name";
  /** The criteria group shown in the form (criteria[i]). */
  let criteriaGroup = 0;

  const form = h("div", { class: "studio-form" });
  const mappings = h("div", { "data-testid": "studio-mappings" });
  const readoutBox = h("section", { class: "studio-readout", "aria-labelledby": "studio-readout-h", "data-testid": "studio-readout" });
  const status = h("div", { role: "status", "data-testid": "studio-message" });
  /** The whole file checked as the options page and Save check it, as the analyst goes. */
  const fileCheck = h("div", { class: "studio-small", "data-testid": "studio-file-check", "aria-live": "polite" });
  panel.append(
    h("header", { class: "studio-head" },
      h("h2", { class: "fs-h3" }, "Profile studio"),
      h("button", { type: "button", class: "fs-button fs-button-secondary", "data-testid": "studio-close", onClick: () => close() }, "Close")),
    h("div", { class: "studio-scroll" }, form, mappings, fileCheck, actions(), status),
    readoutBox,
  );

  const commit = (next: Draft, opts: { form?: boolean } = {}) => {
    draft = next;
    void store.save(draft);
    if (opts.form) renderForm();
    schedule();
  };

  // --- rendering -------------------------------------------------------------------------------

  function textInput(label: string, value: string, onInput: (v: string) => void, attrs: Record<string, string> = {}): HTMLElement {
    return h("label", { class: "studio-label" }, label,
      h("input", { class: "fs-input", type: "text", value, spellcheck: "false", autocomplete: "off", ...attrs, onInput: (e: Event) => onInput((e.target as HTMLInputElement).value) }));
  }

  function pickButton(t: PickTarget, label = "Pick"): HTMLElement {
    const active = pickingPath === t.path;
    return h("button", { type: "button", class: `fs-button fs-button-secondary studio-pick${active ? " is-active" : ""}`, "data-studio-pick": t.path, "aria-pressed": active ? "true" : "false", onClick: () => (active ? cancelPick() : pick(t)) }, active ? "Picking… (Esc)" : label);
  }

  function alternatives(path: string, apply: (selector: string) => void): Child {
    const list = proposals[path];
    if (!list || list.length < 2) return null;
    return h("label", { class: "studio-label studio-small" }, "Other choices",
      h("select", { "data-studio-alternatives": path, onChange: (e: Event) => apply((e.target as HTMLSelectElement).value) },
        list.slice(0, 8).map((p, i) => h("option", { value: p.selector, selected: i === 0 }, `${p.selector} (${p.matches}: ${p.why})`))));
  }

  function fieldWidget(f: StudioField): HTMLElement {
    const v = getAt(draft, f.path);
    const selector = selectorOfField(f, v) ?? "";
    const setSelector = (s: string) => {
      if (f.kind === "selector") return commit(setAt(draft, f.path, s.trim() || undefined));
      if (f.kind === "decision") return commit(setAt(draft, `${f.path}.control`, s.trim() || undefined));
      const obj = (typeof v === "string" ? { selector: v } : (v as object | undefined)) ?? {};
      commit(setAt(draft, f.path, s.trim() ? { ...obj, selector: s.trim() } : undefined));
    };
    const extra: Child[] = [];
    if (f.kind === "value") {
      const src = sourceOf(v) ?? {};
      extra.push(h("details", { class: "studio-advanced" }, h("summary", null, "Advanced"),
        textInput("Read this attribute instead of the text", src.attribute ?? "", (a) => commit(setAt(draft, `${f.path}.attribute`, a.trim() || undefined)), { "data-studio-attribute": f.path }),
        textInput("Keep only part of it (regular expression)", src.pattern ?? "", (p) => commit(setAt(draft, `${f.path}.pattern`, p || undefined)), { "data-studio-pattern": f.path }),
        f.rowOf ? null : textInput("Or read it from the address (regular expression, first group)", src.urlPattern ?? "", (p) => commit(setAt(draft, `${f.path}.urlPattern`, p || undefined)), { "data-studio-urlpattern": f.path })));
    }
    if (f.kind === "flag") {
      const flag = (typeof v === "string" ? { selector: v } : (v as Flag | undefined)) ?? ({} as Partial<Flag>);
      const parsed = patternToText(flag.pattern);
      const how = flag.attribute ? "attribute" : flag.pattern ? (parsed?.how === "equals" ? "equals" : "contains") : "present";
      const setFlag = (next: Partial<Flag>) => commit(setAt(draft, f.path, flag.selector ? { selector: flag.selector, ...next } : undefined), { form: true });
      extra.push(h("label", { class: "studio-label" }, "It is set when",
        h("select", { "data-studio-flag-how": f.path, disabled: !flag.selector, onChange: (e: Event) => {
          const w = (e.target as HTMLSelectElement).value;
          if (w === "present") setFlag({});
          else if (w === "attribute") setFlag({ attribute: flag.attribute ?? firstDataAttribute(f), pattern: flag.pattern ?? textToPattern("yes", "equals") });
          else setFlag({ pattern: textToPattern(parsed?.text ?? "", w as "contains" | "equals") });
        } },
          h("option", { value: "present", selected: how === "present" }, "the element is there"),
          h("option", { value: "contains", selected: how === "contains" }, "its text contains…"),
          h("option", { value: "equals", selected: how === "equals" }, "its text is…"),
          h("option", { value: "attribute", selected: how === "attribute" }, "an attribute of it is…"))));
      if (how === "attribute") extra.push(textInput("Attribute", flag.attribute ?? "", (a) => commit(setAt(draft, `${f.path}.attribute`, a.trim() || undefined)), { "data-studio-flag-attribute": f.path }));
      if (how !== "present") {
        extra.push(textInput(how === "contains" ? "Text it contains" : "Value", parsed?.text ?? "", (t) => commit(setAt(draft, `${f.path}.pattern`, t.trim() ? textToPattern(t, how === "contains" ? "contains" : "equals") : undefined)), { "data-studio-flag-text": f.path }));
        extra.push(h("details", { class: "studio-advanced" }, h("summary", null, "Advanced"),
          textInput("Regular expression (ignoring case)", flag.pattern ?? "", (p) => commit(setAt(draft, `${f.path}.pattern`, p || undefined)), { "data-studio-pattern": f.path })));
      }
    }
    if (f.kind === "decision") {
      const d = v as Partial<DecisionControl> | undefined;
      extra.push(h("label", { class: "studio-label" }, "Read its",
        h("select", { "data-studio-decision-read": f.path, disabled: !d?.control, onChange: (e: Event) => {
          const read = (e.target as HTMLSelectElement).value;
          // An attribute to read: the control's first data-* one to start from (a status chip's data-status="rejected").
          const el = read === "attribute" && d?.control && isValidSelector(d.control) ? queryAll(document, d.control)[0] : undefined;
          let next = setAt(draft, `${f.path}.read`, read);
          next = setAt(next, `${f.path}.attribute`, read === "attribute" ? d?.attribute ?? el?.getAttributeNames().find((n) => n.startsWith("data-")) ?? "data-" : undefined);
          commit(next, { form: true });
        } },
          ([["value", "chosen value (drop-down)"], ["checked", "ticked radio button"], ["text", "text"], ["attribute", "attribute (e.g. data-status)"]] as const).map(([k, t]) => h("option", { value: k, selected: (d?.read ?? "value") === k }, t)))));
      if (d?.read === "attribute") extra.push(textInput("Attribute", d.attribute ?? "", (a) => commit(setAt(draft, `${f.path}.attribute`, a.trim() || undefined)), { "data-studio-decision-attribute": f.path }));
    }
    return h("div", { class: "studio-field", "data-field": f.path },
      h("div", { class: "studio-field-head" }, h("span", { class: "studio-field-label" }, f.label), pickButton({ path: f.path, mode: f.mode, rowOf: f.rowOf, kind: f.kind })),
      h("input", { class: "fs-input studio-selector", type: "text", value: selector, spellcheck: "false", "aria-label": `Selector: ${f.label}`, "data-studio-selector": f.path, placeholder: f.rowOf ? "pick inside a row" : "pick on the page", onInput: (e: Event) => setSelector((e.target as HTMLInputElement).value) }),
      h("span", { class: "studio-count", "data-count-for": f.path }),
      alternatives(f.path, (s) => {
        setSelector(s);
        renderForm();
      }),
      extra,
      f.hint ? h("p", { class: "fs-hint" }, f.hint) : null);
  }

  function firstDataAttribute(f: StudioField): string {
    const rowSel = f.rowOf ? getAt(draft, f.rowOf) : undefined;
    const row = typeof rowSel === "string" && isValidSelector(rowSel) ? queryAll(document, rowSel)[0] : undefined;
    return row?.getAttributeNames().find((n) => n.startsWith("data-")) ?? "data-";
  }

  function screenWidget(kind: ScreenKind): HTMLElement {
    const s = (getAt(draft, `screens.${kind}`) ?? {}) as { path?: string; marker?: string };
    const contains = s.path === undefined ? "" : pathToContains(s.path);
    const markerPath = `screens.${kind}.marker`;
    let markerText = "";
    return h("fieldset", { class: "studio-screen", "data-screen": kind },
      h("legend", null, SCREEN_NAMES[kind][0]!.toUpperCase() + SCREEN_NAMES[kind].slice(1)),
      textInput("Address contains", contains ?? "", (t) => commit(setAt(draft, `screens.${kind}.path`, t.trim() ? containsToPath(t) : undefined)), {
        "data-studio-address": kind, placeholder: contains === null ? "(a regular expression: see Advanced)" : "e.g. /applications",
      }),
      h("details", { class: "studio-advanced", open: contains === null }, h("summary", null, "Advanced"),
        textInput("Address rule (regular expression)", s.path ?? "", (p) => commit(setAt(draft, `screens.${kind}.path`, p || undefined)), { "data-studio-path": kind })),
      h("div", { class: "studio-field-head" }, h("span", { class: "studio-field-label" }, "Page shows (optional)"), pickButton({ path: markerPath, mode: "one", kind: "marker" })),
      h("input", { class: "fs-input studio-selector", type: "text", value: s.marker ?? "", "aria-label": `Marker: ${SCREEN_NAMES[kind]}`, "data-studio-selector": markerPath, onInput: (e: Event) => commit(setAt(draft, markerPath, (e.target as HTMLInputElement).value.trim() || undefined)) }),
      h("span", { class: "studio-count", "data-count-for": markerPath }),
      h("div", { class: "studio-inline" },
        textInput("or the page shows the text", "", (t) => (markerText = t), { "data-studio-marker-text": kind }),
        h("button", { type: "button", class: "fs-button fs-button-secondary", "data-studio-marker-find": kind, onClick: () => markerFromText(kind, markerText) }, "Find")));
  }

  function markerFromText(kind: ScreenKind, text: string) {
    const t = text.trim().toLowerCase();
    if (!t) return;
    // The smallest element whose own text contains it: the heading, not the whole page.
    const hit = [...document.body.querySelectorAll("*")].filter((el) => !host.contains(el) && (el.textContent ?? "").toLowerCase().includes(t))
      .sort((a, b) => (a.textContent ?? "").length - (b.textContent ?? "").length)[0];
    const markerPath = `screens.${kind}.marker`;
    if (!hit) {
      message = { kind: "error", text: `No element on this page shows "${text.trim()}".` };
      renderStatus();
      return;
    }
    const list = proposalsFor(hit, "one", null);
    proposals[markerPath] = list;
    commit(setAt(draft, markerPath, list[0]?.selector), { form: true });
  }

  function identifyingWidget(): HTMLElement {
    const list = (getAt(draft, "identifyingFields") ?? []) as Array<{ field: string; selector: string; attribute?: string }>;
    return h("div", { class: "studio-identifying" },
      h("ul", { class: "studio-list" }, list.map((it, i) => h("li", { "data-identifying": String(i) },
        h("select", { "aria-label": "What it is", onChange: (e: Event) => commit(setAt(draft, `identifyingFields[${i}].field`, (e.target as HTMLSelectElement).value)) },
          IDENTIFYING_FIELD_KINDS.map((k) => h("option", { value: k, selected: k === it.field }, k))),
        h("input", { class: "fs-input studio-selector", type: "text", value: it.selector, "aria-label": `Selector: identifying field ${i + 1}`, "data-studio-selector": `identifyingFields[${i}].selector`, onInput: (e: Event) => commit(setAt(draft, `identifyingFields[${i}].selector`, (e.target as HTMLInputElement).value)) }),
        h("span", { class: "studio-count", "data-count-for": `identifyingFields[${i}].selector` }),
        h("input", { class: "fs-input", type: "text", value: it.attribute ?? "", spellcheck: "false", autocomplete: "off", placeholder: "in its text", "aria-label": `Identifying field ${i + 1}: only in this attribute (optional, e.g. title)`, "data-studio-identifying-attribute": String(i), onInput: (e: Event) => commit(setAt(draft, `identifyingFields[${i}].attribute`, (e.target as HTMLInputElement).value.trim() || undefined)) }),
        h("button", { type: "button", class: "fs-button fs-button-secondary", "aria-label": `Remove identifying field ${i + 1}`, onClick: () => commit(setAt(draft, `identifyingFields[${i}]`, undefined), { form: true }) }, "Remove")))),
      h("div", { class: "studio-inline" },
        h("label", { class: "studio-label" }, "What it is",
          h("select", { "data-studio-identifying-kind": "", onChange: (e: Event) => (identifyingKind = (e.target as HTMLSelectElement).value) },
            IDENTIFYING_FIELD_KINDS.map((k) => h("option", { value: k, selected: k === identifyingKind }, k)))),
        pickButton({ path: "identifyingFields", mode: "all", kind: "identifying" }, "Pick a field to hide")));
  }

  function aboutWidget(): HTMLElement {
    const matches = (getAt(draft, "matches") ?? []) as string[];
    return h("div", null,
      textInput("Name", String(getAt(draft, "name") ?? ""), (v) => commit(setAt(draft, "name", v)), { "data-studio-about": "name" }),
      textInput("Id (lowercase letters, digits, dashes)", String(getAt(draft, "id") ?? ""), (v) => commit(setAt(draft, "id", v.trim())), { "data-studio-about": "id" }),
      textInput("Version", String(getAt(draft, "version") ?? ""), (v) => commit(setAt(draft, "version", v.trim())), { "data-studio-about": "version" }),
      textInput("Addresses (comma-separated patterns)", matches.join(", "), (v) => commit(setAt(draft, "matches", v.split(",").map((s) => s.trim()).filter(Boolean))), { "data-studio-about": "matches" }));
  }

  function renderForm() {
    const sections: HTMLElement[] = [
      h("details", { class: "studio-section", open: true }, h("summary", null, "About the profile"), aboutWidget()),
      h("details", { class: "studio-section", open: true }, h("summary", null, "Screens"), SCREEN_KINDS.map(screenWidget)),
      ...SECTIONS.map((s) => h("details", { class: "studio-section", open: true, "data-section": s.id }, h("summary", null, s.title),
        s.fields.map(fieldWidget),
        s.id === "application" ? criteriaWidget() : null,
        s.id === "interview" ? textInput("Your trust's e-mail domains (comma-separated)", ((getAt(draft, "panel.internalEmailDomains") ?? []) as string[]).join(", "), (v) => commit(setAt(draft, "panel.internalEmailDomains", v.split(",").map((d) => d.trim()).filter(Boolean))), { "data-studio-domains": "" }) : null,
        // A panel written as text in one element ("Panel: A (Chair), B, C (External)"): what separates the members.
        s.id === "interview" ? textInput("Panel written as text? Members are separated by (a pattern, e.g. ,|; )", (getAt(draft, "panel.split") as string | undefined) ?? "", (v) => commit(setAt(draft, "panel.split", v.trim() || undefined)), { "data-studio-panel-split": "" }) : null)),
      h("details", { class: "studio-section", open: true }, h("summary", null, "Names and contact details to hide"), identifyingWidget()),
    ];
    replaceChildren(form, sections);
    lastMappingKey = "";
    updateCounts();
    renderMappings();
  }

  /**
   * The person specification's criteria, a group at a time: one list whose items each say
   * essential or desirable, or a list per kind (a group each). The group's fields, its kind, and
   * adding, choosing and removing groups.
   */
  function criteriaWidget(): HTMLElement {
    const count = criteriaGroupCount(draft);
    criteriaGroup = Math.min(criteriaGroup, count - 1);
    const g = criteriaGroup;
    const hasItems = !!getAt(draft, `criteria[${count - 1}].item`);
    return h("fieldset", { class: "studio-screen", "data-criteria-group": String(g) },
      h("legend", null, count > 1 ? `Person specification criteria: group ${g + 1} of ${count}` : "Person specification criteria"),
      count > 1
        ? h("label", { class: "studio-label" }, "Group",
            h("select", { "data-studio-criteria-group": "", onChange: (e: Event) => { criteriaGroup = Number((e.target as HTMLSelectElement).value); renderForm(); } },
              Array.from({ length: count }, (_, i) => h("option", { value: String(i), selected: i === g }, `Group ${i + 1}${groupKindWords(i)}`))))
        : null,
      criteriaFields(g, count).map(fieldWidget),
      kindChoice(g),
      h("div", { class: "studio-inline" },
        h("button", { type: "button", class: "fs-button fs-button-secondary", "data-studio-criteria-add": "", disabled: !hasItems, onClick: () => {
          criteriaGroup = count;
          commit(setAt(draft, `criteria[${count}]`, { item: "", kind: "desirable" }), { form: true });
        } }, "Add a group"),
        count > 1
          ? h("button", { type: "button", class: "fs-button fs-button-secondary", "data-studio-criteria-remove": "", onClick: () => {
              criteriaGroup = Math.max(0, g - 1);
              commit(setAt(draft, `criteria[${g}]`, undefined), { form: true });
            } }, `Remove group ${g + 1}`)
          : null),
      h("p", { class: "fs-hint" }, "If the person specification shows the essential and the desirable criteria as separate lists, make a group for each list (Add a group) and say which kind each one is."));
  }

  function groupKindWords(i: number): string {
    const k = getAt(draft, `criteria[${i}].kind`);
    return k === "essential" ? ": essential" : k === "desirable" ? ": desirable" : getAt(draft, `criteria[${i}].kindFrom`) ? ": labelled per item" : "";
  }

  /** Criteria of group `g`: one kind for every item, or read per item from a label. */
  function kindChoice(g: number): HTMLElement {
    const fixed = getAt(draft, `criteria[${g}].kind`) as string | undefined;
    const value = fixed ?? "label";
    return h("label", { class: "studio-label" }, "Each criterion is",
      h("select", { "data-studio-criteria-kind": "", onChange: (e: Event) => {
        const k = (e.target as HTMLSelectElement).value;
        let next = setAt(draft, `criteria[${g}].kind`, k === "label" ? undefined : k);
        if (k !== "label") next = setAt(next, `criteria[${g}].kindFrom`, undefined);
        commit(next, { form: true });
      } },
        h("option", { value: "label", selected: value === "label" }, "essential or desirable as its label says"),
        h("option", { value: "essential", selected: value === "essential" }, "essential (all of them)"),
        h("option", { value: "desirable", selected: value === "desirable" }, "desirable (all of them)")));
  }

  let lastMappingKey = "";
  function renderMappings() {
    if (!obs) return;
    const blocks: HTMLElement[] = [];
    const labelMappings = labelMappingsOf(draft);
    for (const m of labelMappings) {
      const seen = obs.values[m.from] ?? [];
      const lists = (getAt(draft, m.path) ?? {}) as Record<string, string[]>;
      const known = new Set(seen.map((s) => s.value.trim().toLowerCase()));
      const kept = m.categories.flatMap(([c]) => (Array.isArray(lists[c]) ? lists[c] : [])).filter((v) => !known.has(v.trim().toLowerCase()));
      const values = [...seen.map((s) => s.value), ...kept];
      if (!values.length) continue;
      const shownAs = new Map(seen.filter((x) => x.label).map((x) => [x.value, x.label!] as const));
      const cats = m.categories.map(([c]) => c);
      blocks.push(h("fieldset", { class: "studio-mapping", "data-mapping": m.path }, h("legend", null, m.title),
        values.map((value) => {
          const current = categoryOf(lists, cats, value);
          // An opaque value ("117") with what the page shows for it ("Progress to interview").
          const label = shownAs.get(value);
          return h("label", { class: "studio-map-row" }, h("span", null, value === "" ? "(empty)" : value, label ? ` ("${label}")` : ""),
            h("select", { "data-studio-map": m.path, "data-value": value, onChange: (e: Event) => {
              const c = (e.target as HTMLSelectElement).value || null;
              // The lists as they are now (another choice may have changed them since this was drawn).
              const next = assignLabel((getAt(draft, m.path) ?? {}) as Record<string, string[]>, cats, value, c);
              let d = draft;
              for (const cat of cats) d = setAt(d, `${m.path}.${cat}`, next[cat]);
              commit(d);
            } },
              h("option", { value: "", selected: current === null }, "—"),
              m.categories.map(([c, words]) => h("option", { value: c, selected: current === c }, words))));
        })));
    }
    const key = JSON.stringify([blocks.map((b) => b.textContent), labelMappings.map((m) => getAt(draft, m.path))]);
    if (key === lastMappingKey) return;
    lastMappingKey = key;
    replaceChildren(mappings, blocks.length ? h("h3", { class: "fs-h3" }, "What the labels on this page mean") : null, blocks);
  }

  function updateCounts() {
    if (!obs) return;
    for (const el of form.querySelectorAll<HTMLElement>("[data-count-for]")) {
      const path = el.dataset.countFor!;
      const o = obs.fields.find((x) => x.path === path);
      const idm = /^identifyingFields\[(\d+)\]\.selector$/.exec(path);
      const screen = /^screens\.(\w+)\.marker$/.exec(path);
      let text = "";
      if (o) text = o.invalid ? "not a valid selector" : o.rows !== undefined ? `in ${o.matches} of ${o.rows} rows` : `${o.matches} on this page`;
      else if (idm) {
        const i = obs.identifying[Number(idm[1])];
        text = i ? (i.invalid ? "not a valid selector" : `${i.matches} on this page`) : "";
      } else if (screen) {
        const s = obs.screens.find((x) => x.kind === screen[1]);
        const marker = getAt(draft, path);
        text = typeof marker === "string" && marker ? (isValidSelector(marker) ? `${queryAll(document, marker).length} on this page` : "not a valid selector") : s ? "" : "";
      }
      el.textContent = text;
    }
  }

  function renderReadout() {
    obs = observePage(draft);
    readout = buildReadout(draft, obs);
    const r = readout;
    replaceChildren(readoutBox,
      h("h3", { class: "fs-h3", id: "studio-readout-h" }, "On this page"),
      h("p", { class: "studio-small", "data-testid": "studio-detected" }, r.screens.length ? `Screen detected: ${r.screens.map((s) => SCREEN_NAMES[s]).join(", ")}` : "No screen detected"),
      r.problems.length ? h("p", { class: "fs-error", "data-testid": "studio-problem-count" }, `${r.problems.length} problem${r.problems.length === 1 ? "" : "s"}`) : null,
      h("ul", { class: "studio-lines", "data-testid": "studio-lines" },
        [...r.problems, ...r.lines.filter((l) => l.level !== "problem")].map((l) => h("li", { "data-level": l.level, "data-path": l.path }, l.path ? h("code", null, l.path) : null, l.path ? " " : null, l.text))));
    updateCounts();
    renderMappings();
  }

  function renderStatus() {
    replaceChildren(status, message
      ? h("div", { class: message.kind === "ok" ? "fs-success" : "fs-error-box", "data-kind": message.kind }, message.text, message.items?.length ? h("ul", null, message.items.map((i) => h("li", null, i))) : null)
      : null);
  }

  let timer: ReturnType<typeof setTimeout> | null = null;
  function schedule() {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      if (!life.signal.aborted) renderReadout();
    }, 120);
    scheduleFileCheck();
  }

  // The schema runs in the background (no zod on the host page): once typing pauses, and only the latest answer counts.
  let checkTimer: ReturnType<typeof setTimeout> | null = null;
  let checkSeq = 0;
  function scheduleFileCheck() {
    if (checkTimer) clearTimeout(checkTimer);
    checkTimer = setTimeout(() => {
      checkTimer = null;
      const seq = ++checkSeq;
      const checked = draft;
      void sendToBackground("checkSiteProfile", { profile: checked }).then((r) => {
        if (seq !== checkSeq || life.signal.aborted) return;
        replaceChildren(fileCheck, r.ok
          ? h("p", { class: "fs-success", "data-kind": "ok" }, "Profile file: complete. Save it to use it.")
          : h("div", { class: "fs-error-box", "data-kind": "error" }, `Profile file: ${r.issues?.length ?? 0} thing${r.issues?.length === 1 ? "" : "s"} to fix before it can be saved`,
              h("ul", null, (r.issues ?? []).slice(0, 12).map((i) => h("li", { "data-path": i.path }, h("code", null, i.path || "(whole profile)"), ` ${i.message}`)))));
      }).catch(() => undefined);
    }, 400);
  }

  // --- picking ---------------------------------------------------------------------------------

  function cancelPick() {
    stopPick?.();
    stopPick = null;
    pickingPath = null;
    renderForm();
  }

  function pick(t: PickTarget) {
    stopPick?.();
    pickingPath = t.path;
    renderForm();
    const rowSel = t.rowOf ? getAt(draft, t.rowOf) : undefined;
    if (t.rowOf && (typeof rowSel !== "string" || !isValidSelector(rowSel))) {
      pickingPath = null;
      message = { kind: "error", text: "Pick the rows first: this field is looked up inside each row." };
      renderStatus();
      renderForm();
      return;
    }
    const rows = typeof rowSel === "string" ? queryAll(document, rowSel) : [];
    const rowOfEl = (el: Element) => rows.find((r) => r === el || r.contains(el)) ?? null;
    stopPick = startPick({
      own: host,
      layer,
      describe: (el) => {
        if (t.rowOf && !rowOfEl(el)) return `outside the ${rows.length} rows`;
        const best = proposalsFor(el, t.mode, t.rowOf ? rowOfEl(el) : null)[0];
        return best ? `${best.selector} (${best.matches})` : el.localName;
      },
      onCancel: () => {
        stopPick = null;
        pickingPath = null;
        renderForm();
      },
      onPick: (el) => {
        stopPick = null;
        pickingPath = null;
        const row = t.rowOf ? rowOfEl(el) : null;
        if (t.rowOf && !row) {
          message = { kind: "error", text: `That is not inside one of the ${rows.length} rows. Pick again, inside a row.` };
          renderStatus();
          renderForm();
          return;
        }
        const list = proposalsFor(el, t.mode, row);
        const best = list[0];
        if (!best) {
          message = { kind: "error", text: "No selector could be made for that element." };
          renderStatus();
          renderForm();
          return;
        }
        message = { kind: "ok", text: `${best.selector}: ${best.why}, ${best.matches} ${t.rowOf ? "in this row" : "on this page"}.` };
        renderStatus();
        applyPick(t, best.selector, el);
        proposals[t.path] = list;
        renderForm();
      },
    });
  }

  function applyPick(t: PickTarget, selector: string, el: Element) {
    if (t.kind === "identifying") {
      const list = (getAt(draft, "identifyingFields") ?? []) as unknown[];
      return commit(setAt(draft, `identifyingFields[${list.length}]`, { field: identifyingKind, selector }));
    }
    if (t.kind === "marker" || t.kind === "selector") return commit(setAt(draft, t.path, selector));
    if (t.kind === "value") {
      const old = sourceOf(getAt(draft, t.path));
      return commit(setAt(draft, t.path, { selector, ...(old?.attribute ? { attribute: old.attribute } : {}), ...(old?.pattern ? { pattern: old.pattern } : {}) }));
    }
    if (t.kind === "flag") {
      const dataAttr = selector === ":scope" ? el.getAttributeNames().find((n) => n.startsWith("data-")) : undefined;
      const flag: Flag = dataAttr ? { selector, attribute: dataAttr, pattern: textToPattern("yes", "equals") } : { selector };
      return commit(setAt(draft, t.path, flag));
    }
    // A decision control: how to read it follows from what it is.
    const read = el instanceof HTMLSelectElement || el instanceof HTMLInputElement ? "value" : el.querySelector("input[type=radio]") ? "checked" : "text";
    const old = getAt(draft, t.path) as Partial<DecisionControl> | undefined;
    commit(setAt(draft, t.path, { control: selector, read, values: old?.values ?? { shortlisted: [], rejected: [], undecided: [""] } }));
  }

  // --- save, export, import ----------------------------------------------------------------------

  function actions(): HTMLElement {
    let importText = "";
    return h("section", { class: "studio-actions", "aria-label": "Save, export, import" },
      h("button", { type: "button", class: "fs-button", "data-testid": "studio-save", onClick: () => void save() }, "Save profile"),
      h("button", { type: "button", class: "fs-button fs-button-secondary", "data-testid": "studio-export", onClick: () => exportDraft() }, "Export file"),
      h("button", { type: "button", class: "fs-button fs-button-secondary", "data-testid": "studio-reset", onClick: () => void store.reset().then((d) => { draft = d; message = null; renderStatus(); renderForm(); schedule(); }) }, "Start again"),
      h("details", { class: "studio-advanced" }, h("summary", null, "Import a profile file"),
        h("label", { class: "studio-label" }, "Paste the profile (JSON)",
          h("textarea", { class: "fs-textarea", "data-testid": "studio-import-text", spellcheck: "false", onInput: (e: Event) => (importText = (e.target as HTMLTextAreaElement).value) })),
        h("label", { class: "studio-label" }, "or choose a file",
          h("input", { type: "file", accept: "application/json,.json", onChange: async (e: Event) => { const f = (e.target as HTMLInputElement).files?.[0]; if (f) await importProfile(await f.text()); } })),
        h("button", { type: "button", class: "fs-button fs-button-secondary", "data-testid": "studio-import", onClick: () => void importProfile(importText) }, "Load into the studio")));
  }

  async function save() {
    const r = await sendToBackground("saveSiteProfile", { profile: draft });
    if (r.ok) {
      message = { kind: "ok", text: r.message };
    } else {
      message = { kind: "error", text: r.error, items: r.issues?.map((i) => `${i.path || "(whole profile)"}: ${i.message}`) };
    }
    renderStatus();
  }

  function exportDraft() {
    const blob = new Blob([draftToJson(draft) + "\n"], { type: "application/json" });
    const a = h("a", { href: URL.createObjectURL(blob), download: `${String(getAt(draft, "id") || "site-profile")}.json` });
    root.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  }

  async function importProfile(text: string) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      message = { kind: "error", text: `That is not valid JSON: ${(e as Error).message}` };
      return renderStatus();
    }
    const r = await sendToBackground("checkSiteProfile", { profile: parsed });
    if (!r.ok) {
      message = { kind: "error", text: r.error, items: r.issues?.map((i) => `${i.path || "(whole profile)"}: ${i.message}`) };
      return renderStatus();
    }
    message = { kind: "ok", text: `Loaded "${r.profile.name}" into the studio. Save it to use it.` };
    renderStatus();
    commit(r.profile as unknown as Draft, { form: true });
  }

  // --- life --------------------------------------------------------------------------------------

  // The read-out follows the page: content arriving late, a decision changed, in-page navigation.
  const mo = new MutationObserver(() => schedule());
  mo.observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
  document.addEventListener("change", schedule, { capture: true, signal: life.signal });
  document.addEventListener("input", schedule, { capture: true, signal: life.signal });
  onUrlChange(() => schedule(), life.signal);

  function close() {
    life.abort();
    if (checkTimer) clearTimeout(checkTimer);
    mo.disconnect();
    stopPick?.();
    host.remove();
    onClose();
  }

  void store.load().then((d) => {
    draft = d;
    renderForm();
    renderReadout();
    scheduleFileCheck();
  });
  return close;
}
