// Imported first by contents/overlay.ts: stamps when the bundle started evaluating, so the
// runner's trace can report the script's own start-up cost ("script init N ms").
export const EVAL_START = performance.now()
