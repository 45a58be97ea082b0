/**
 * Options page shell. Minimal version from issue 4, rendering the site-profile and scale
 * sections; the issue-5 engineer owns this file from here (API URL, token, policy...).
 */
import { PAGE_CSS } from "~settings/pageStyles"
import { ScoringPreset } from "~options/ScoringPreset"
import { SiteProfiles } from "~options/SiteProfiles"

export default function Options() {
  return (
    <main style={{ maxWidth: 860, margin: "0 auto", padding: 24 }}>
      <style>{PAGE_CSS}</style>
      <h1>Fair Shortlist settings</h1>
      <ScoringPreset />
      <SiteProfiles />
    </main>
  )
}
