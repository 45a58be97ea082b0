/**
 * The organisation's settings: where outcomes go, with which token, the secret that turns a
 * vacancy reference into a vacancyKey, and the panel policy.
 *
 * Two sources: what the user typed in the options page (chrome.storage.local) and what trust
 * IT pushed by Chrome/Edge policy (chrome.storage.managed, schema in extension/managed-schema.json).
 * A managed value always wins and is shown read-only as "set by your organisation".
 *
 * Pure: no chrome API, so it is unit-tested in Node. store.ts reads the two storage areas.
 */
import * as z from "zod";
import { DEFAULT_PANEL_POLICY_PRESET, PANEL_POLICY_PRESETS, PANEL_POLICY_PRESET_IDS, type PanelPolicy, type PanelPolicyPresetId } from "@fair-shortlist/shared/panelPolicy";
import { PanelPolicySchema } from "@fair-shortlist/shared/schemas/panelPolicy";
import { MIN_ORG_SECRET_LENGTH, normaliseOrgSecret } from "@fair-shortlist/shared/vacancyKey";

/** The settings' schemas, built on first use (the popup and options page import this module too). */
function buildSettingsSchemas() {
  const apiUrl = z
    .string()
    .trim()
    .max(500, "is too long")
    .refine((s) => {
      try {
        const u = new URL(s);
        // http only for this machine (local testing); anything that crosses a network needs TLS.
        return u.protocol === "https:" || (u.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(u.hostname));
      } catch {
        return false;
      }
    }, "must be an https:// address, e.g. https://fair-shortlist.example.nhs.uk (http:// only for localhost)");

  const submitToken = z
    .string()
    .trim()
    .min(16, "is too short to be a submit token (they look like fs_submit_…)")
    .max(200, "is too long")
    .regex(/^[\x21-\x7e]+$/, "must not contain spaces or unusual characters");

  // Normalised as every key maker normalises it (normaliseOrgSecret), whether typed or pushed by policy.
  const orgSecret = z
    .string()
    .overwrite(normaliseOrgSecret)
    .min(MIN_ORG_SECRET_LENGTH, `must be at least ${MIN_ORG_SECRET_LENGTH} characters (generate one with: openssl rand -hex 32)`)
    .max(512, "is too long");

  /**
   * The trust's own e-mail domains, for the panel check: a member outside them counts as external
   * (independent). A list, or text separated by commas, spaces or semicolons (policy tools).
   */
  const emailDomain = z
    .string()
    .overwrite((d) => d.trim().toLowerCase().replace(/^@/, ""))
    .regex(/^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, "is not an e-mail domain (e.g. mytrust.nhs.uk)");
  const internalEmailDomains = z
    .union([z.string().transform((t) => t.split(/[\s,;]+/).filter(Boolean)), z.array(z.string())])
    .pipe(z.array(emailDomain).max(50, "lists at most 50 domains"));

  const panelPolicyPreset = z.enum(PANEL_POLICY_PRESET_IDS);
  /** The panel policy: one of the shared presets, or the trust's own. */
  const panelPolicyChoice = z.union([
    z.strictObject({ preset: panelPolicyPreset }),
    z.strictObject({ custom: PanelPolicySchema }),
  ]);

  /** What the options page stores. Every field optional: a fresh install has none. */
  const localSettings = z.strictObject({
    apiUrl: apiUrl.optional(),
    submitToken: submitToken.optional(),
    orgSecret: orgSecret.optional(),
    panelPolicy: panelPolicyChoice.optional(),
    internalEmailDomains: internalEmailDomains.optional(),
  });
  return { apiUrl, submitToken, orgSecret, internalEmailDomains, panelPolicyPreset, panelPolicyChoice, localSettings };
}
type SettingsSchemas = ReturnType<typeof buildSettingsSchemas>;
let settingsSchemaCache: SettingsSchemas | undefined;
export function settingsSchemas(): SettingsSchemas {
  return (settingsSchemaCache ??= buildSettingsSchemas());
}
export type PanelPolicyChoice = z.infer<SettingsSchemas["panelPolicyChoice"]>;
export type LocalSettings = z.infer<SettingsSchemas["localSettings"]>;

export const SETTING_KEYS = ["apiUrl", "submitToken", "orgSecret", "panelPolicy", "internalEmailDomains"] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];
export type SettingSource = "managed" | "local" | "default" | "unset";

export interface EffectiveSettings {
  apiUrl?: string;
  submitToken?: string;
  orgSecret?: string;
  panelPolicy: { policy: PanelPolicy; presetId?: PanelPolicyPresetId };
  /**
   * The trust's e-mail domains (the panel check's internal/external rule). Empty until the trust
   * sets them: then an e-mail address never makes a member external, so the check never assumes
   * an independent member it cannot see; only the host's own "external" flag, or the chair, can.
   */
  internalEmailDomains: string[];
  /** Raw site profiles pushed by trust IT; validated by the profile registry. */
  managedSiteProfiles: unknown[];
  /**
   * Panel and shortlister sync through the organisation's API (encrypted in the browser). Only
   * trust IT can switch it on, by policy: it is the organisation's decision, not each user's.
   */
  panelSync: boolean;
  source: Record<SettingKey, SettingSource>;
  /** Managed values that were present but invalid, in words (shown on the options page). */
  managedProblems: string[];
}

/**
 * Managed storage as Chrome hands it over (keys of managed-schema.json). Policy tools make
 * nested objects awkward (Windows registry, plist), so the custom policy and the profiles may
 * also arrive as JSON text.
 */
export interface ManagedValues {
  apiUrl?: unknown;
  submitToken?: unknown;
  orgSecret?: unknown;
  panelPolicyPreset?: unknown;
  panelPolicy?: unknown;
  siteProfiles?: unknown;
  panelSync?: unknown;
  internalEmailDomains?: unknown;
}

function parseMaybeJson(v: unknown): unknown {
  if (typeof v !== "string") return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

export interface FieldError {
  path: string;
  message: string;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v = input;
  for (const k of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

/**
 * One error per field, in words. Pass the input that was validated so a missing field reads
 * "is required" rather than the type it should have had (zod issues do not carry the input).
 */
export function issuesOf(error: z.ZodError, input?: unknown): FieldError[] {
  return error.issues.map((i) => ({
    path: i.path.map(String).join("."),
    message:
      i.code === "unrecognized_keys"
        ? `unknown field${i.keys.length > 1 ? "s" : ""} ${i.keys.map((k) => `"${k}"`).join(", ")}`
        : (i.code === "invalid_type" || i.code === "invalid_value") && input !== undefined && valueAt(input, i.path) === undefined
          ? "is required"
          : i.code === "invalid_value"
            ? `must be one of ${i.values.map((v) => JSON.stringify(v)).join(", ")}`
            : i.message,
  }));
}

/**
 * Read a trust's own panel policy from JSON text, with one error per field ("minPanelSize:
 * Too small: expected number to be >=1") so an HR lead can fix it.
 */
export function parsePanelPolicyJson(text: string): { ok: true; policy: PanelPolicy } | { ok: false; errors: FieldError[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [{ path: "", message: `not valid JSON: ${(e as Error).message}` }] };
  }
  const r = PanelPolicySchema.safeParse(json);
  return r.success ? { ok: true, policy: r.data } : { ok: false, errors: issuesOf(r.error, json) };
}

function describe(errors: FieldError[]): string {
  return errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join("; ");
}

/** Combine managed (wins) and local values; invalid managed values are reported, not used. */
export function mergeSettings(local: unknown, managed: ManagedValues | undefined): EffectiveSettings {
  const schemas = settingsSchemas();
  const localParsed = schemas.localSettings.safeParse(local ?? {});
  const l: LocalSettings = localParsed.success ? localParsed.data : {};
  const m = managed ?? {};
  const problems: string[] = [];
  const source = { apiUrl: "unset", submitToken: "unset", orgSecret: "unset", panelPolicy: "default", internalEmailDomains: "unset" } as Record<SettingKey, SettingSource>;
  const out: EffectiveSettings = {
    panelPolicy: { policy: PANEL_POLICY_PRESETS[DEFAULT_PANEL_POLICY_PRESET], presetId: DEFAULT_PANEL_POLICY_PRESET },
    managedSiteProfiles: [],
    panelSync: false,
    internalEmailDomains: [],
    source,
    managedProblems: problems,
  };

  const simple = [
    ["apiUrl", schemas.apiUrl, "API URL"],
    ["submitToken", schemas.submitToken, "Submit token"],
    ["orgSecret", schemas.orgSecret, "Organisation secret"],
  ] as const;
  for (const [key, schema, label] of simple) {
    if (m[key] !== undefined) {
      const r = schema.safeParse(m[key]);
      if (r.success) {
        out[key] = r.data;
        source[key] = "managed";
        continue;
      }
      problems.push(`${label} set by your organisation is invalid (${describe(issuesOf(r.error, m[key]))}); ask trust IT to fix the policy.`);
    }
    if (l[key] !== undefined) {
      out[key] = l[key];
      source[key] = "local";
    }
  }

  let managedPolicy = false;
  if (m.panelPolicy !== undefined) {
    const raw = parseMaybeJson(m.panelPolicy);
    const r = PanelPolicySchema.safeParse(raw);
    if (r.success) {
      out.panelPolicy = { policy: r.data };
      managedPolicy = true;
    } else problems.push(`Panel policy set by your organisation is invalid (${describe(issuesOf(r.error, raw))}).`);
  } else if (m.panelPolicyPreset !== undefined) {
    const r = schemas.panelPolicyPreset.safeParse(m.panelPolicyPreset);
    if (r.success) {
      out.panelPolicy = { policy: PANEL_POLICY_PRESETS[r.data], presetId: r.data };
      managedPolicy = true;
    } else problems.push(`Panel policy preset set by your organisation is not one we know (${String(m.panelPolicyPreset)}).`);
  }
  if (managedPolicy) source.panelPolicy = "managed";
  else if (l.panelPolicy) {
    source.panelPolicy = "local";
    out.panelPolicy =
      "preset" in l.panelPolicy
        ? { policy: PANEL_POLICY_PRESETS[l.panelPolicy.preset], presetId: l.panelPolicy.preset }
        : { policy: l.panelPolicy.custom };
  }

  if (m.panelSync !== undefined) {
    // A boolean, or 0/1 as a Windows registry REG_DWORD gives it.
    if (m.panelSync === true || m.panelSync === 1) out.panelSync = true;
    else if (m.panelSync !== false && m.panelSync !== 0) problems.push("Panel sync set by your organisation must be true or false.");
  }

  if (m.internalEmailDomains !== undefined) {
    const r = schemas.internalEmailDomains.safeParse(parseMaybeJson(m.internalEmailDomains));
    if (r.success) {
      out.internalEmailDomains = r.data;
      source.internalEmailDomains = "managed";
    } else problems.push(`Internal e-mail domains set by your organisation are invalid (${describe(issuesOf(r.error, m.internalEmailDomains))}); no one is counted external by e-mail address until trust IT fixes the policy.`);
  }
  // An invalid policy value does not fall back to this browser's own: trust IT meant to decide.
  if (m.internalEmailDomains === undefined && l.internalEmailDomains?.length) {
    out.internalEmailDomains = l.internalEmailDomains;
    source.internalEmailDomains = "local";
  }

  if (m.siteProfiles !== undefined) {
    const profiles = parseMaybeJson(m.siteProfiles);
    if (Array.isArray(profiles)) out.managedSiteProfiles = profiles;
    else problems.push("Site profiles set by your organisation must be a list of profiles.");
  }
  return out;
}

/** What is missing before outcomes can be sent, in words; undefined when ready. */
export function submissionProblem(s: EffectiveSettings): string | undefined {
  const missing: string[] = [];
  if (!s.apiUrl) missing.push("the API URL");
  if (!s.submitToken) missing.push("the organisation's submit token");
  if (!s.orgSecret) missing.push("the organisation secret for vacancy keys");
  if (missing.length === 0) return undefined;
  const list = missing.length === 1 ? missing[0] : `${missing.slice(0, -1).join(", ")} and ${missing.at(-1)}`;
  return `Outcomes cannot be sent yet: ${list} ${missing.length === 1 ? "is" : "are"} not set. Set ${missing.length === 1 ? "it" : "them"} in the options page, or ask your trust's IT.`;
}
