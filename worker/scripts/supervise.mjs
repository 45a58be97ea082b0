// Keeps a child process running: started again whenever it exits on its own, saying so. Used by
// `npm start` for `wrangler dev`, which can exit on a dropped connection.
import { spawn } from "node:child_process";

/**
 * Starts `command args` and restarts it after it exits, unless `stop()` was called. Five exits
 * in a row within `quickMs` of starting mean it cannot run (a port in use, a broken config):
 * then `onGiveUp(code)` is called instead of another start.
 */
export function supervise({ command, args, spawnOptions = {}, onChild = () => {}, log = (m) => console.error(m), onGiveUp = (code) => process.exit(code ?? 1), onStopped = () => {}, quickMs = 10_000, delayMs = 500, what = "The process" }) {
  let stopping = false;
  let child;
  let quickFailures = 0;
  let restarts = 0;
  const launch = () => {
    const started = Date.now();
    child = spawn(command, args, spawnOptions);
    onChild(child);
    child.on("exit", (code, signal) => {
      if (stopping) return onStopped();
      quickFailures = Date.now() - started < quickMs ? quickFailures + 1 : 0;
      const how = signal ?? `code ${code}`;
      if (quickFailures >= 5) {
        log(`✖ ${what} exited (${how}) 5 times within seconds of starting; giving up.`);
        return onGiveUp(code);
      }
      restarts++;
      log(`⟳ ${what} exited (${how}); restarting it.`);
      setTimeout(() => !stopping && launch(), delayMs);
    });
  };
  launch();
  return {
    stop() {
      stopping = true;
      child?.kill("SIGTERM");
    },
    get child() {
      return child;
    },
    get restarts() {
      return restarts;
    },
  };
}
