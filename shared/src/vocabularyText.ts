/**
 * How the vocabulary modules (staffGroups, stages, disability) compare words: the same label
 * printed by two systems, or typed by an analyst, must meet. Lowercase, "&" read as "and",
 * punctuation and dashes as spaces, runs of spaces as one. Zod-free (content scripts use it).
 */
export function normaliseWording(text: string): string {
  return text
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** A lookup from normalised wording to a meaning; later entries never overwrite earlier ones. */
export function wordingIndex<T>(entries: Iterable<readonly [string, T]>): Map<string, T> {
  const index = new Map<string, T>();
  for (const [word, meaning] of entries) {
    const key = normaliseWording(word);
    if (key && !index.has(key)) index.set(key, meaning);
  }
  return index;
}
