/**
 * Bringing site profiles into effect: mirror the ones trust IT pushed (managed storage,
 * lib/managedProfiles.ts), then register the overlay's content scripts for every profile whose
 * host is granted (lib/customScripts.ts). Always both, in that order, one run at a time, so a
 * pushed profile for a new host masks names there without anyone opening the options page, and
 * the registration never reads the profiles before the mirror has written them.
 *
 * Runs in the background worker (at every start, after an install or update, and whenever the
 * policy changes) and on the options page.
 */
import { syncCustomProfileScripts, type ProfileActivation } from "./customScripts"
import { syncManagedProfiles } from "./managedProfiles"

export interface ProfilesActivated {
  /** Managed profiles that failed validation, by their index in the policy's list. */
  problems: Array<{ index: number; errors: Array<{ path: string; message: string }> }>
  activation: ProfileActivation[]
}

let queue: Promise<unknown> = Promise.resolve()

export function activateProfiles(): Promise<ProfilesActivated> {
  const run = queue.then(activateNow, activateNow)
  queue = run.catch(() => undefined)
  return run
}

async function activateNow(): Promise<ProfilesActivated> {
  const problems = await syncManagedProfiles().catch(() => [])
  const activation = await syncCustomProfileScripts()
  return { problems, activation }
}

/** Re-activate whenever trust IT's policy changes (background worker). */
export function activateOnPolicyChange(): void {
  chrome.storage.onChanged.addListener((_changes, area) => {
    if (area === "managed") void activateProfiles().catch(() => undefined)
  })
}
