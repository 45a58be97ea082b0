/** Deterministic PRNG (mulberry32): returns a function giving uniform numbers in [0, 1). */
export function prng(seed: number): () => number;
