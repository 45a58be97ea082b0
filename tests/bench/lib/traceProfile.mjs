// `npm run bench -- extension --profile`: where the renderer's main thread spends its time
// between the host inserting its rows and the first frame after them, with the overlay and without.
// Records a DevTools performance trace (CDP Tracing, with V8's sampling CPU profiler) of one page
// load and sums, on the page's main thread, inside a window given by two performance marks:
//   - trace events by kind, as self time (a style recalc inside a script counts as style recalc);
//   - script time by script (ours: chrome-extension://; the host's; the bench probe's);
//   - CPU-profile samples by function (self time), so our own functions can be named.
// Lives in lib/ so that run.mjs does not take it for a benchmark (extension.mjs calls it).

const CATEGORIES = [
  "devtools.timeline",
  "disabled-by-default-devtools.timeline",
  "disabled-by-default-devtools.timeline.frame",
  "v8.execute",
  "blink.user_timing",
  "toplevel",
  "disabled-by-default-v8.cpu_profiler",
].join(",");

/** Loads `url` in a new page of `context` with tracing on; returns the trace events. */
export async function traceLoad(context, url, { initScript, initArg, waitFor }) {
  const page = await context.newPage();
  if (initScript) await page.addInitScript(initScript, initArg);
  const cdp = await context.newCDPSession(page);
  const events = [];
  cdp.on("Tracing.dataCollected", (e) => events.push(...e.value));
  const done = new Promise((resolve) => cdp.once("Tracing.tracingComplete", resolve));
  await cdp.send("Tracing.start", { traceConfig: { includedCategories: CATEGORIES.split(","), recordMode: "recordAsMuchAsPossible" }, transferMode: "ReportEvents" });
  await page.goto(url, { waitUntil: "load" });
  await page.waitForFunction(waitFor, null, { timeout: 60_000 });
  // Let late idle work land in the trace too (it is reported apart, after the window).
  await page.waitForTimeout(300);
  await cdp.send("Tracing.end");
  await done;
  await cdp.detach().catch(() => undefined);
  await page.close();
  return events;
}

const ms = (us) => us / 1000;

/**
 * Sums the main thread of the renderer that carries mark `from` between marks `from` and `to`.
 * Returns { windowMs, byKind: [[name, ms]], byScript: [[url, ms]], byFunction: [[label, ms]], ours, timeline }.
 */
export function analyse(events, { from, to, extensionLabel = "ours" }) {
  const mark = (name) => events.find((e) => e.name === name && (e.cat ?? "").includes("blink.user_timing"));
  const a = mark(from);
  const b = mark(to);
  if (!a || !b) throw new Error(`trace has no marks ${from} / ${to}`);
  const pid = a.pid;
  const threads = events.filter((e) => e.ph === "M" && e.name === "thread_name" && e.pid === pid);
  const main = threads.find((t) => t.args?.name === "CrRendererMain");
  const tid = main ? main.tid : a.tid;
  const t0 = a.ts;
  const t1 = b.ts;
  const onMain = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === "X" && typeof e.dur === "number");
  // Self time of each complete event, clipped to the window (events nest on one thread).
  const sorted = onMain.filter((e) => e.ts < t1 && e.ts + e.dur > t0).sort((x, y) => x.ts - y.ts || y.dur - x.dur);
  const clip = (s, e) => Math.max(0, Math.min(e, t1) - Math.max(s, t0));
  const self = new Map();
  const stack = [];
  const scriptOf = (e) => e.args?.data?.url || e.args?.data?.scriptName || e.args?.fileName || "";
  const byScript = new Map();
  const add = (m, k, v) => m.set(k, (m.get(k) ?? 0) + v);
  // Walk the nesting: each event's self time is its clipped span minus its children's clipped spans.
  const nodes = sorted.map((e) => ({ e, child: 0, url: "" }));
  for (const n of nodes) {
    while (stack.length && stack[stack.length - 1].e.ts + stack[stack.length - 1].e.dur <= n.e.ts) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) parent.child += clip(n.e.ts, n.e.ts + n.e.dur);
    n.url = scriptOf(n.e) || parent?.url || "";
    stack.push(n);
  }
  for (const n of nodes) {
    const s = clip(n.e.ts, n.e.ts + n.e.dur) - n.child;
    if (s <= 0) continue;
    add(self, n.e.name, s);
    if (/^(FunctionCall|EvaluateScript|v8\.|V8\.|RunMicrotasks|TimerFire|FireAnimationFrame|FireIdleCallback|EventDispatch|ParseHTML|XHR|MajorGC|MinorGC|BlinkGC)/.test(n.e.name) || n.url) add(byScript, n.url ? label(n.url, extensionLabel) : "(no script)", s);
  }
  // Every task of 1 ms or more in the window, in order: what ran before the frame, and when.
  const timeline = nodes.filter((n) => n.e.name === "ThreadControllerImpl::RunTask" && n.e.dur >= 1000).map((n) => {
    const inner = new Map();
    for (const m of nodes) if (m !== n && m.e.ts >= n.e.ts && m.e.ts + m.e.dur <= n.e.ts + n.e.dur && m.e.name !== "RunTask") add(inner, m.e.name + (m.url ? ` ${label(m.url, extensionLabel)}` : ""), m.e.dur);
    return `@${ms(n.e.ts - t0).toFixed(1)} ${ms(n.e.dur).toFixed(1)} ms: ${[...inner].sort((x, y) => y[1] - x[1]).slice(0, 4).map(([k, v]) => `${k} ${ms(v).toFixed(1)}`).join("; ")}`;
  });
  const byFunction = cpuProfile(events, pid, tid, t0, t1, extensionLabel);
  return {
    windowMs: ms(t1 - t0),
    timeline,
    ours: byFunction.filter(([k]) => k.includes(`${extensionLabel}:`)),
    byKind: [...self].map(([k, v]) => [k, ms(v)]).sort((x, y) => y[1] - x[1]),
    byScript: [...byScript].map(([k, v]) => [k, ms(v)]).sort((x, y) => y[1] - x[1]),
    byFunction,
  };
}

function label(url, extensionLabel) {
  if (url.startsWith("chrome-extension://")) return `${extensionLabel}:${url.replace(/^chrome-extension:\/\/[^/]+\//, "")}`;
  try {
    const u = new URL(url);
    return u.pathname.split("/").pop() || u.host;
  } catch {
    return url.slice(0, 60);
  }
}

// V8's sampling profiler writes "Profile" + "ProfileChunk" events: a node tree and samples with time deltas.
function cpuProfile(events, pid, tid, t0, t1, extensionLabel) {
  const chunks = events.filter((e) => e.pid === pid && (e.name === "Profile" || e.name === "ProfileChunk"));
  const byId = new Map(); // profile id -> { nodes: Map, startTime, samples: [], deltas: [] }
  for (const c of chunks) {
    const id = c.id ?? c.args?.data?.id ?? "0";
    if (!byId.has(id)) byId.set(id, { nodes: new Map(), start: 0, samples: [], deltas: [], tid: c.tid });
    const p = byId.get(id);
    const d = c.args?.data ?? {};
    if (c.name === "Profile") p.start = d.startTime ?? c.ts;
    for (const n of d.cpuProfile?.nodes ?? []) p.nodes.set(n.id, n);
    for (const s of d.cpuProfile?.samples ?? []) p.samples.push(s);
    for (const t of d.timeDeltas ?? []) p.deltas.push(t);
  }
  const self = new Map();
  for (const p of byId.values()) {
    if (p.tid !== tid && byId.size > 1) continue;
    let t = p.start;
    for (let i = 0; i < p.samples.length; i++) {
      t += p.deltas[i] ?? 0;
      const next = t + (p.deltas[i + 1] ?? 0);
      if (t < t0 || t >= t1) continue;
      const n = p.nodes.get(p.samples[i]);
      const f = n?.callFrame ?? {};
      const fn = f.functionName || "(anonymous)";
      if (fn === "(idle)" || fn === "(program)" || fn === "(root)") { self.set(fn, (self.get(fn) ?? 0) + (next - t)); continue; }
      const where = f.url ? `${label(f.url, extensionLabel)}:${(f.lineNumber ?? 0) + 1}:${(f.columnNumber ?? 0) + 1}` : "";
      const k = `${fn} ${where}`.trim();
      self.set(k, (self.get(k) ?? 0) + (next - t));
    }
  }
  return [...self].map(([k, v]) => [k, ms(v)]).sort((x, y) => y[1] - x[1]);
}

/** Prints one analysis (top `top` items of each table). */
export function printAnalysis(title, r, top = 12) {
  const row = ([k, v]) => `    ${v.toFixed(1).padStart(8)} ms  ${k}`;
  console.log(`\n  ${title}: ${r.windowMs.toFixed(1)} ms in the window`);
  console.log("   by kind (self time):");
  console.log(r.byKind.slice(0, top).map(row).join("\n"));
  console.log("   script by script (self time of script events and what they ran):");
  console.log(r.byScript.slice(0, top).map(row).join("\n"));
  console.log("   by function (CPU profile samples, self time):");
  console.log(r.byFunction.slice(0, top).map(row).join("\n"));
  if (r.ours.length) {
    const total = r.ours.reduce((a, [, v]) => a + v, 0);
    console.log(`   our functions (CPU profile samples, self time; ${total.toFixed(1)} ms in all):`);
    console.log(r.ours.slice(0, top).map(row).join("\n"));
  }
  if (r.timeline.length) {
    console.log("   tasks of 1 ms or more, in order (ms into the window, duration, what they held):");
    console.log(r.timeline.slice(0, 20).map((t) => `    ${t}`).join("\n"));
  }
}
