/**
 * The studio's selector proposals: stable hooks before position and generated class names, one
 * element for a value, every element like it for rows, and looser selectors to say what a
 * broken selector's page has instead. Elements are a tiny fake tree; matching is a small
 * selector engine good enough for the selectors the proposer makes.
 */
import { describe, expect, it } from "vitest";
import { cssIdent, idRowSuffix, looksGenerated, proposeSelectors, relaxations, type ElementLike } from "../../extension/studio/selectorProposal";

class El implements ElementLike {
  parentElement: El | null = null;
  children: El[] = [];
  constructor(public localName: string, public attrs: Record<string, string> = {}, kids: El[] = []) {
    for (const k of kids) {
      k.parentElement = this;
      this.children.push(k);
    }
  }
  get id() { return this.attrs.id ?? ""; }
  get classList() { return (this.attrs.class ?? "").split(/\s+/).filter(Boolean); }
  getAttributeNames() { return Object.keys(this.attrs); }
  getAttribute(n: string) { return this.attrs[n] ?? null; }
  *all(): Generator<El> { for (const c of this.children) { yield c; yield* c.all(); } }
}

/** Matches one compound like `li.a[data-x="y"]#id:nth-of-type(2)` against an element. */
function matchesCompound(el: El, c: string): boolean {
  const m = /^([a-z][a-z0-9-]*)?((?:[.#][A-Za-z0-9_\\-]+|\[[^\]]+\]|:nth-of-type\(\d+\))*)$/.exec(c);
  if (!m) throw new Error(`fake engine cannot parse ${c}`);
  if (m[1] && m[1] !== el.localName) return false;
  for (const part of m[2]!.match(/[.#][A-Za-z0-9_\\-]+|\[[^\]]+\]|:nth-of-type\(\d+\)/g) ?? []) {
    if (part.startsWith(".") && !el.classList.includes(part.slice(1).replace(/\\/g, ""))) return false;
    if (part.startsWith("#") && el.id !== part.slice(1).replace(/\\/g, "")) return false;
    if (part.startsWith("[")) {
      const a = /^\[([^=\]$]+)(\$?=)?(?:"((?:[^"\\]|\\.)*)")?\]$/.exec(part)!;
      const v = el.getAttribute(a[1]!), want = a[3]?.replace(/\\(.)/g, "$1");
      if (v === null || (want !== undefined && (a[2] === "$=" ? !v.endsWith(want) : v !== want))) return false;
    }
    if (part.startsWith(":nth")) {
      const n = Number(/\d+/.exec(part)![0]);
      const sibs = el.parentElement?.children.filter((s) => s.localName === el.localName) ?? [el];
      if (sibs.indexOf(el) + 1 !== n) return false;
    }
  }
  return true;
}
function matches(el: El, selector: string): boolean {
  const parts = selector.split(/\s+/).filter(Boolean);
  let i = parts.length - 1;
  if (!matchesCompound(el, parts[i]!)) return false;
  let cur: El | null = el;
  let child = true;
  for (i--; i >= 0; i--) {
    if (parts[i] === ">") { child = true; continue; }
    let found = false;
    for (cur = cur!.parentElement; cur; cur = child && parts[i + 1] === ">" ? null : cur.parentElement) {
      if (matchesCompound(cur, parts[i]!)) { found = true; break; }
      if (parts[i + 1] === ">") break;
    }
    if (!found) return false;
    child = false;
  }
  return true;
}
const counter = (root: El) => (s: string) => [...root.all()].filter((e) => matches(e, s)).length;

function list() {
  const rows = [0, 1, 2].map((i) =>
    new El("li", { class: "candidate css-1x9kq2z", "data-gis": i === 1 ? "yes" : "no" }, [
      new El("span", { class: "cand-ref" }),
      new El("span", { class: "cand-name" }),
      new El("select", { class: "cand-decision", "aria-label": "Decision" }),
    ]));
  const ul = new El("ul", { id: "candidates" }, rows);
  const page = new El("body", {}, [new El("h1", { class: "post-title" }), new El("p", {}, [new El("b", { class: "post-ref" })]), ul]);
  return { page, ul, rows };
}

describe("proposeSelectors", () => {
  it("prefers an id, then a test hook, for one element", () => {
    const target = new El("span", { id: "VacancyRef", "data-test": "vacancy-ref", class: "x" });
    const page = new El("body", {}, [target, new El("span", { class: "x" })]);
    const ranked = proposeSelectors(target, { mode: "one", count: counter(page) });
    expect(ranked[0]).toMatchObject({ selector: "#VacancyRef", matches: 1, why: "its id" });
    expect(ranked[1]!.selector).toBe('[data-test="vacancy-ref"]');
    // The shared class matches two elements: ranked below every unique choice.
    expect(ranked.findIndex((p) => p.selector === "span.x")).toBeGreaterThan(ranked.findIndex((p) => p.matches === 1 && p.tier === 4 || p.selector === '[data-test="vacancy-ref"]'));
  });

  it("never proposes a generated class or id", () => {
    const target = new El("div", { id: "ember1234", class: "css-1q2w3e4 sc-bdVaJa price" });
    const page = new El("body", {}, [target]);
    const ranked = proposeSelectors(target, { mode: "one", count: counter(page) });
    expect(ranked[0]!.selector).toBe("div.price");
    expect(ranked.map((p) => p.selector).join(" ")).not.toMatch(/ember|css-|sc-/);
  });

  it("rows: every row like the one clicked, not one row and not the row's flag value", () => {
    const { page, rows } = list();
    const ranked = proposeSelectors(rows[1]!, { mode: "all", count: counter(page) });
    expect(ranked[0]).toMatchObject({ selector: "li[data-gis]", matches: 3 });
    expect(ranked.some((p) => p.selector.includes('"yes"'))).toBe(false);
    expect(ranked.find((p) => p.selector === "li.candidate")?.matches).toBe(3);
  });

  it("a label on a control (aria-label) is a stable hook", () => {
    const { page, rows } = list();
    const select = rows[0]!.children[2]!;
    const ranked = proposeSelectors(select, { mode: "one", count: counter(rows[0]!), scope: rows[0] });
    expect(ranked[0]!.matches).toBe(1);
    expect(ranked.map((p) => p.selector)).toContain('select[aria-label="Decision"]');
    expect(counter(page)(ranked[0]!.selector)).toBe(3); // the same selector finds the control in every row
  });

  it("items with no hook of their own: every item of the nearest list with a hook, not every item on the page", () => {
    // Two lists of bare <li> (as NHS Jobs prints the essential and desirable criteria), inside a page with more lists.
    const essential = [0, 1, 2, 3].map(() => new El("li"));
    const desirable = [0, 1].map(() => new El("li"));
    const page = new El("body", {}, [new El("div", { id: "app" }, [
      new El("ul", { class: "nav-links" }, [new El("li"), new El("li"), new El("li")]),
      new El("section", {}, [new El("ul", { "data-test": "essential-criteria" }, essential), new El("ul", { "data-test": "desirable-criteria" }, desirable)]),
    ])]);
    const ranked = proposeSelectors(desirable[0]!, { mode: "all", count: counter(page) });
    expect(ranked[0]).toMatchObject({ selector: '[data-test="desirable-criteria"] li', matches: 2 });
    expect(ranked.map((p) => p.selector)).not.toContain("#app li");
  });

  it("narrows with the nearest ancestor hook when the element alone is not unique", () => {
    const a = new El("span", { class: "value" });
    const page = new El("body", {}, [new El("div", { id: "ref-box" }, [a]), new El("div", { id: "other" }, [new El("span", { class: "value" })])]);
    const ranked = proposeSelectors(a, { mode: "one", count: counter(page) });
    expect(ranked[0]).toMatchObject({ selector: "#ref-box span.value", matches: 1 });
  });

  it("falls back to position only when nothing sturdier is unique", () => {
    const cells = [new El("td"), new El("td"), new El("td")];
    const page = new El("body", {}, [new El("table", { id: "t" }, [new El("tr", {}, cells)])]);
    const ranked = proposeSelectors(cells[1]!, { mode: "one", count: counter(page) });
    expect(ranked[0]).toMatchObject({ selector: "td:nth-of-type(2)", matches: 1, tier: 6 });
  });

  it("skips selectors the browser cannot parse (count -1)", () => {
    const target = new El("span", { class: "ok" });
    const ranked = proposeSelectors(target, { mode: "one", count: (s) => (s.includes(".") ? 1 : -1) });
    expect(ranked.map((p) => p.selector)).toEqual(["span.ok"]);
  });
});

describe("helpers", () => {
  it("looksGenerated", () => {
    for (const t of ["css-1x9kq2z", "sc-bdVaJa", "Button_root__a1B2c", "_3xY9a", "ember123", ":r1:", "jsx-2813873"]) expect(looksGenerated(t), t).toBe(true);
    for (const t of ["candidate", "cand-name", "post-ref", "col-appid", "h2", "panel-member", "VacancyRef"]) expect(looksGenerated(t), t).toBe(false);
  });
  it("cssIdent escapes what CSS needs", () => {
    expect(cssIdent("a.b")).toBe("a\\.b");
    expect(cssIdent("1abc")).toBe("\\31 abc");
    expect(cssIdent("ok-name_1")).toBe("ok-name_1");
  });
  it("relaxations say what a broken selector's page has instead", () => {
    expect(relaxations("#candidates li.applicant-row")).toEqual(["#candidates li", "li.applicant-row"]);
    expect(relaxations('td[data-col="gis"].flag')).toEqual(["td.flag", "td"]);
    expect(relaxations("a, b")).toEqual([]);
  });
});

describe("ids numbered per row (server frameworks)", () => {
  it("finds the stable end of a numbered id", () => {
    expect(idRowSuffix("ctl00_MainContent_gvApplicants_ctl02_lblName")).toBe("_lblName");
    expect(idRowSuffix("applicants_3_email")).toBe("_email");
    expect(idRowSuffix("VacancyRef")).toBeNull();
    expect(idRowSuffix("row_3")).toBeNull();
  });
  it("a field inside a row is proposed by its id's stable end, which finds it in every row, not by the one row's id", () => {
    const rows = [2, 3, 4].map((n) => new El("tr", { id: `ctl00_Main_gv_ctl0${n}` }, [
      new El("td", {}, [new El("span", { id: `ctl00_Main_gv_ctl0${n}_lblRef` })]),
      new El("td", {}, [new El("span", { id: `ctl00_Main_gv_ctl0${n}_lblName` })]),
    ]));
    const page = new El("body", {}, [new El("table", { id: "ctl00_Main_gv" }, rows)]);
    const target = rows[0]!.children[1]!.children[0]!;
    const inRow = proposeSelectors(target, { mode: "one", count: counter(rows[0]!), scope: rows[0]! });
    expect(inRow[0]!.selector).toBe('span[id$="_lblName"]');
    // ...and, as every name cell, it finds all three.
    const all = proposeSelectors(target, { mode: "all", count: counter(page) });
    expect(all[0]).toMatchObject({ selector: 'span[id$="_lblName"]', matches: 3 });
  });
});
