import { describe, expect, it } from "vitest";
import { PANEL_POLICY_PRESETS } from "../../shared/src/panelPolicy";
import { mergeSettings, parsePanelPolicyJson, submissionProblem } from "../../extension/settings/orgSettings";

const local = {
  apiUrl: "https://outcomes.example.nhs.uk",
  submitToken: "fs_submit_local_token_0123456789",
  orgSecret: "local-secret-0123456789abcdef",
  panelPolicy: { preset: "nhsbt-8a" },
};

describe("organisation settings: managed policy wins, local fills in", () => {
  it("uses local values when trust IT has pushed nothing", () => {
    const s = mergeSettings(local, {});
    expect(s.apiUrl).toBe(local.apiUrl);
    expect(s.panelPolicy.presetId).toBe("nhsbt-8a");
    expect(s.panelPolicy.policy).toEqual(PANEL_POLICY_PRESETS["nhsbt-8a"]);
    expect(s.source).toEqual({ apiUrl: "local", submitToken: "local", orgSecret: "local", panelPolicy: "local", internalEmailDomains: "unset" });
    expect(submissionProblem(s)).toBeUndefined();
  });

  it("managed values override local ones and are marked as the organisation's", () => {
    const s = mergeSettings(local, {
      apiUrl: "https://api.trust.nhs.uk/",
      submitToken: "fs_submit_managed_token_0123456789",
      panelPolicyPreset: "christie-8c",
    });
    expect(s.apiUrl).toBe("https://api.trust.nhs.uk/");
    expect(s.submitToken).toBe("fs_submit_managed_token_0123456789");
    expect(s.orgSecret).toBe(local.orgSecret);
    expect(s.panelPolicy.presetId).toBe("christie-8c");
    expect(s.source).toMatchObject({ apiUrl: "managed", submitToken: "managed", orgSecret: "local", panelPolicy: "managed" });
  });

  it("accepts a managed custom policy as an object or as JSON text, and profiles as JSON text", () => {
    const custom = { ...PANEL_POLICY_PRESETS["above-band-6"], name: "Our trust", appliesFromBand: "8b" };
    expect(mergeSettings({}, { panelPolicy: custom }).panelPolicy.policy.appliesFromBand).toBe("8b");
    expect(mergeSettings({}, { panelPolicy: JSON.stringify(custom) }).panelPolicy.policy.name).toBe("Our trust");
    expect(mergeSettings({}, { siteProfiles: '[{"id":"x"}]' }).managedSiteProfiles).toEqual([{ id: "x" }]);
  });

  it("reports an invalid managed value in words and falls back to the local one", () => {
    const s = mergeSettings(local, { apiUrl: "ftp://nope", panelPolicy: { name: "x" } });
    expect(s.apiUrl).toBe(local.apiUrl);
    expect(s.source.apiUrl).toBe("local");
    expect(s.managedProblems.join("\n")).toMatch(/API URL set by your organisation is invalid.*https:\/\//);
    expect(s.managedProblems.join("\n")).toMatch(/Panel policy set by your organisation is invalid.*appliesFromBand: is required/);
  });

  it("defaults to the above-band-6 preset and names every missing setting", () => {
    const s = mergeSettings(undefined, undefined);
    expect(s.panelPolicy.presetId).toBe("above-band-6");
    expect(s.source.panelPolicy).toBe("default");
    expect(submissionProblem(s)).toBe(
      "Outcomes cannot be sent yet: the API URL, the organisation's submit token and the organisation secret for vacancy keys are not set. Set them in the options page, or ask your trust's IT.",
    );
  });

  it("refuses plain http except for this machine", () => {
    expect(mergeSettings({ apiUrl: "http://outcomes.example.nhs.uk" }, {}).apiUrl).toBeUndefined();
    expect(mergeSettings({}, { apiUrl: "http://127.0.0.1:8787" }).apiUrl).toBe("http://127.0.0.1:8787");
  });
});

describe("parsePanelPolicyJson: a trust's own policy with per-field errors", () => {
  it("accepts a valid policy", () => {
    const r = parsePanelPolicyJson(JSON.stringify(PANEL_POLICY_PRESETS["christie-8c"]));
    expect(r.ok).toBe(true);
  });

  it("names each wrong field", () => {
    const r = parsePanelPolicyJson(JSON.stringify({ name: "Ours", appliesFromBand: "8e", minPanelSize: 0, requireEthnicMinorityMember: "yes", requireTrainedMember: true, requireIndependentMember: false, colour: "blue" }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const paths = r.errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["appliesFromBand", "minPanelSize", "requireEthnicMinorityMember", ""]));
    expect(r.errors.find((e) => e.path === "")!.message).toMatch(/unknown field "colour"/);
    expect(r.errors.find((e) => e.path === "appliesFromBand")!.message).toMatch(/must be one of .*"8a"/);
    expect(r.errors.find((e) => e.path === "requireEthnicMinorityMember")!.message).not.toBe("is required");
  });

  it("says when the text is not JSON", () => {
    const r = parsePanelPolicyJson("{name: ours}");
    expect(r).toMatchObject({ ok: false, errors: [{ path: "", message: expect.stringMatching(/not valid JSON/) }] });
  });
});

describe("panel sync is the organisation's choice (managed storage only)", () => {
  it("off by default and when a user stores it locally; on when trust IT pushes true or 1; a wrong value is reported", () => {
    expect(mergeSettings({}, undefined).panelSync).toBe(false);
    expect(mergeSettings({ panelSync: true }, {}).panelSync).toBe(false);
    expect(mergeSettings({}, { panelSync: true }).panelSync).toBe(true);
    expect(mergeSettings({}, { panelSync: 1 }).panelSync).toBe(true);
    expect(mergeSettings({}, { panelSync: false }).panelSync).toBe(false);
    const odd = mergeSettings({}, { panelSync: "yes" });
    expect(odd.panelSync).toBe(false);
    expect(odd.managedProblems).toEqual(["Panel sync set by your organisation must be true or false."]);
  });
});
