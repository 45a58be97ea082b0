// Pure parts of the web-components support: text redaction for titles and labels, the list
// progress wording, and which screens an in-page navigation keeps.
import { describe, expect, it } from "vitest";
import { nameForms, redact } from "../../extension/lib/maskText";
import { progressText } from "../../extension/lib/shortlisting";
import { screenKeys } from "../../extension/lib/detect";
import { validateSiteProfile } from "@fair-shortlist/shared/schemas/siteProfile";
import { readFileSync } from "node:fs";
import path from "node:path";

describe("redact", () => {
  const masked: Array<[string, string]> = [["Mei Ahmed", "Name hidden"], ["mei.ahmed@example.org", "Email hidden"], ["MA", "Initials hidden"]];
  it("replaces masked text as whole words, ignoring case, and keeps the rest", () => {
    expect(redact("Mei Ahmed · REQ-20431", masked)).toBe("Name hidden · REQ-20431");
    expect(redact("Open mei ahmed", masked)).toBe("Open Name hidden");
    expect(redact("Write to mei.ahmed@example.org", masked)).toBe("Write to Email hidden");
    // Not inside another word:
    expect(redact("MANAGEMENT, Meister Ahmedabad", masked)).toBe("MANAGEMENT, Meister Ahmedabad");
    expect(redact("Applicants · REQ-20431", masked)).toBe("Applicants · REQ-20431");
  });
  it("a name printed \"Surname, Forename\" is also hidden where the page writes \"Forename Surname\", and the other way round", () => {
    expect(nameForms("Patel, Priya")).toEqual(["Patel, Priya", "Priya Patel"]);
    expect(nameForms("Priya  Patel")).toEqual(["Priya Patel", "Patel, Priya"]);
    expect(nameForms("Mary Anne O'Brien")).toEqual(["Mary Anne O'Brien", "O'Brien, Mary Anne"]);
    // Not names: e-mail addresses, phone numbers, one word.
    expect(nameForms("priya.patel@example.com")).toEqual(["priya.patel@example.com"]);
    expect(nameForms("07700 900412")).toEqual(["07700 900412"]);
    expect(nameForms("Priya")).toEqual(["Priya"]);
    const masked = nameForms("Patel, Priya").map((t) => [t, "Name hidden"] as [string, string]);
    expect(redact("View application form: Priya Patel", masked)).toBe("View application form: Name hidden");
  });
  it("a forename and a surname masked one by one read as one placeholder", () => {
    const parts: Array<[string, string]> = [["Kwame", "Name hidden"], ["Okafor", "Name hidden"]];
    expect(redact("Application form - Kwame Okafor - NV/2025/3311", parts)).toBe("Application form - Name hidden - NV/2025/3311");
    expect(redact("Okafor, Kwame", parts)).toBe("Name hidden");
  });
});

describe("list progress", () => {
  it("counts the list's real total when only some rows have been seen", () => {
    expect(progressText(2, 40, 300)).toBe("2 of 300 scored (40 seen)");
    expect(progressText(0, 500, 500)).toBe("0 of 500 scored");
    expect(progressText(7, 23, null)).toBe("7 of 23 scored");
  });
});

describe("screens across an in-page navigation", () => {
  const r = validateSiteProfile(JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../fixtures/components/profile.json"), "utf8")));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const list = "https://hire.example-ats.nhs.uk/jobs/REQ-20431/applicants";
  it("keep the list when a drawer adds ?applicant=ID, and start the drawer again for the next applicant", () => {
    const before = screenKeys(r.profile, list);
    const open = screenKeys(r.profile, `${list}?applicant=AP-10001`);
    const next = screenKeys(r.profile, `${list}?applicant=AP-10002`);
    expect([...before.keys()]).toEqual(["shortlistingList"]);
    expect(open.get("shortlistingList")).toBe(before.get("shortlistingList"));
    expect([...open.keys()]).toEqual(["shortlistingList", "application", "shortlistingDecision"]);
    expect(next.get("application")).not.toBe(open.get("application"));
  });
});

describe("screens of a hash-routed single-page app", () => {
  const r = validateSiteProfile(readFileSync(path.resolve(import.meta.dirname, "../fixtures/jobtrain-spa/profile.json"), "utf8"));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const base = "https://careers.northvale.nhs.uk/hire#/vacancies";
  it("start the application screen again for the next applicant's #/.../applicants/ID", () => {
    const a = screenKeys(r.profile, `${base}/JT-2024-0207/applicants/A2001`);
    const b = screenKeys(r.profile, `${base}/JT-2024-0207/applicants/A2002`);
    expect([...a.keys()]).toEqual(["application", "shortlistingDecision"]);
    expect(b.get("application")).not.toBe(a.get("application"));
    expect(b.get("shortlistingDecision")).not.toBe(a.get("shortlistingDecision"));
  });
  it("start the list again for another vacancy, and keep it when only the fragment's query changes", () => {
    const list = screenKeys(r.profile, `${base}/JT-2024-0207/applicants`);
    expect(screenKeys(r.profile, `${base}/JT-2024-0193/applicants`).get("shortlistingList")).not.toBe(list.get("shortlistingList"));
    const withQuery = { ...r.profile, screens: { shortlistingList: { path: "^/hire#/vacancies/[^/]+/applicants" } } };
    expect(screenKeys(withQuery, `${base}/JT-2024-0207/applicants?sort=name`).get("shortlistingList")).toBe(screenKeys(withQuery, `${base}/JT-2024-0207/applicants`).get("shortlistingList"));
  });
  it("a plain #section fragment is not a route: a screen recognised by its path keeps running", () => {
    const p = { ...r.profile, screens: { application: { path: "^/Applicant/\\d+" } } } as typeof r.profile;
    const url = "https://careers.northvale.nhs.uk/Applicant/1042";
    expect(screenKeys(p, `${url}#selection-criteria`).get("application")).toBe(screenKeys(p, url).get("application"));
  });
});
