/**
 * The first key that appears twice in one JSON object of `text`, or null. JSON.parse keeps the
 * last of two equal keys silently, so `{"band": "5", "band": "8a"}` would mean whatever the
 * parser picks, and a reviewer reading the body sees the other value: such bodies are refused.
 * `text` must already be valid JSON (call after JSON.parse succeeded). Keys are compared decoded,
 * so "band" and "\u0062and" are the same key. One pass, O(length).
 */
export function duplicateJsonKey(text: string): string | null {
  // One frame per open object (its keys) or array (null); `expectKey` when the next string is a key.
  const stack: (Set<string> | null)[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      const start = i;
      for (i++; text[i] !== '"'; i++) if (text[i] === "\\") i++;
      const top = stack[stack.length - 1];
      if (expectKey && top) {
        const key = JSON.parse(text.slice(start, i + 1)) as string;
        if (top.has(key)) return key;
        top.add(key);
        expectKey = false;
      }
    } else if (ch === "{") {
      stack.push(new Set());
      expectKey = true;
    } else if (ch === "[") {
      stack.push(null);
      expectKey = false;
    } else if (ch === "}" || ch === "]") {
      stack.pop();
      expectKey = false;
    } else if (ch === ",") {
      expectKey = stack[stack.length - 1] instanceof Set;
    }
  }
  return null;
}
