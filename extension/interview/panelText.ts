/**
 * A panel member as the host page lists it, and the members of a panel the host writes as text.
 * Apart from panelCheck.ts so the profile studio counts a panel the way the check does without
 * carrying the panel policy.
 */
export interface PanelMemberOnPage {
  email: string | null;
  /** The host marks the member as external (TRAC "External"). */
  flaggedExternal: boolean;
}

const EMAIL = /[^\s<>()[\],;:"']+@[^\s<>()[\],;:"']+\.[^\s<>()[\],;:"']+/;

/**
 * Members of a panel the host lists as text ("Dr Helen Marsh (Chair), Samuel Osei, Victor Adebayo
 * (External - RCN)"): the text split at `separator` (a regular expression from the profile), never
 * inside brackets, so "(External, Royal College)" stays with its member. Each piece is one member:
 * external when `externalPattern` matches it (ignoring case), its e-mail the first address in it.
 * A leading label such as "Panel:" is not a member of its own: it stays with the first piece.
 */
export function membersFromText(text: string, separator: string, externalPattern?: string): PanelMemberOnPage[] {
  const sep = new RegExp(separator, "y");
  const pieces: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "(" || c === "[") depth++;
    else if ((c === ")" || c === "]") && depth > 0) depth--;
    else if (depth === 0) {
      sep.lastIndex = i;
      const m = sep.exec(text);
      if (m && m[0].length > 0) {
        pieces.push(text.slice(start, i));
        start = i + m[0].length;
        i = start - 1;
      }
    }
  }
  pieces.push(text.slice(start));
  const external = externalPattern ? new RegExp(externalPattern, "i") : null;
  return pieces
    .map((p) => p.replace(/\s+/g, " ").trim())
    .filter((p) => /[\p{L}\p{N}]/u.test(p.replace(/^[^:]*:\s*$/, "")))
    .map((p) => ({ email: EMAIL.exec(p)?.[0] ?? null, flaggedExternal: external?.test(p) ?? false }));
}
