import type { ChildProcess, SpawnOptions } from "node:child_process";
export function supervise(opts: {
  command: string;
  args: string[];
  spawnOptions?: SpawnOptions;
  onChild?: (child: ChildProcess) => void;
  log?: (message: string) => void;
  onGiveUp?: (code: number | null) => void;
  onStopped?: () => void;
  quickMs?: number;
  delayMs?: number;
  what?: string;
}): { stop(): void; readonly child: ChildProcess; readonly restarts: number };
