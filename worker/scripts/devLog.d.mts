export function redactLog(text: string): string;
export function redactingLines(write: (text: string) => void): { push(chunk: unknown): void; flush(): void };
