/**
 * Features loaded on demand. The always-loaded overlay script carries only a descriptor of each
 * feature (id, name, screens, perPage, group: what the runner needs to decide when it runs); the
 * feature's code is in its group's bundle (features-<group>.js, built by scripts/build-bundles.mjs
 * from features/bundles/<group>.ts). When a screen that needs a group shows, the runner asks the
 * background to inject that bundle into this frame (background/messages/loadFeatures.ts): it runs
 * in this content script's isolated world, registers its features here, and imports the core's
 * modules through the kernel (lib/kernel.ts), so state such as the tracked shadow roots exists once.
 */
import type { ScreenKind } from "@fair-shortlist/shared/siteProfile";
import { sendToBackground } from "../background/protocol";
import type { Feature } from "./feature";

export const FEATURE_GROUPS = ["shortlisting", "interview", "outcome"] as const;
export type FeatureGroup = (typeof FEATURE_GROUPS)[number];

export function isFeatureGroup(g: unknown): g is FeatureGroup {
  return typeof g === "string" && (FEATURE_GROUPS as readonly string[]).includes(g);
}

/** The bundle's file in the build folder. */
export function bundleFile(group: FeatureGroup): string {
  return `features-${group}.js`;
}

/** What the core knows of a feature whose code is in a bundle (tests/unit checks it equals the feature's own). */
export interface FeatureDescriptor {
  id: string;
  name: string;
  screens: readonly ScreenKind[];
  perPage?: boolean;
  group: FeatureGroup;
}

export type FeatureEntry = Feature | FeatureDescriptor;

export function isDescriptor(f: FeatureEntry): f is FeatureDescriptor {
  return "group" in f && !("init" in f);
}

// On the isolated world's global: the page's own scripts run in another world and cannot see it.
const REGISTRY = "__fairShortlistFeatures";
type Registry = Partial<Record<FeatureGroup, readonly Feature[]>>;
const registry = (): Registry => ((globalThis as Record<string, unknown>)[REGISTRY] ??= {}) as Registry;

/** Called by a bundle when it runs: its group's features. */
export function registerFeatures(group: FeatureGroup, features: readonly Feature[]): void {
  registry()[group] = features;
}

const loading = new Map<FeatureGroup, Promise<readonly Feature[]>>();

/** Whether this frame has the group's bundle or has asked for it. */
export function groupRequested(group: FeatureGroup): boolean {
  return !!registry()[group] || loading.has(group);
}

/**
 * The group's features, injecting its bundle the first time in this frame. A failure is not
 * remembered: the next screen that needs the group tries again.
 */
export function loadGroup(group: FeatureGroup): Promise<readonly Feature[]> {
  const done = registry()[group];
  if (done) return Promise.resolve(done);
  let p = loading.get(group);
  if (!p) {
    p = sendToBackground("loadFeatures", { group }).then((answer) => {
      if (!answer.ok) throw new Error(answer.error);
      const features = registry()[group];
      if (!features) throw new Error(`the ${bundleFile(group)} bundle ran but registered no features`);
      return features;
    });
    loading.set(group, p);
    p.catch(() => loading.delete(group));
  }
  return p;
}

/** The feature's code: itself when it is in the core, else from its group's bundle. */
export async function resolveFeature(entry: FeatureEntry): Promise<Feature> {
  if (!isDescriptor(entry)) return entry;
  const feature = (await loadGroup(entry.group)).find((f) => f.id === entry.id);
  if (!feature) throw new Error(`${bundleFile(entry.group)} has no feature "${entry.id}"`);
  return feature;
}
