/**
 * What counts as "sent": the built extension against an HTTP server that plays the parts a
 * trust's network can put between the browser and the API (a single-sign-on page answering 200
 * with HTML, a redirect to a login page) and the API itself answering, under a configured base
 * path (https://apps.x.nhs.uk/fair-shortlist/ style), or rejecting a record. The user must never
 * see "Sent" for an outcome the API does not hold, and a rejected one stays in view, with the
 * API's reason, in the overlay and the popup until dismissed.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Page } from "playwright-core";
import { launchWithExtension, type ExtensionBrowser } from "./support/browser";
import { routeFixtures } from "./support/fixtures";
import { openPopup, sendMessage, setOrgSettings } from "./support/extensionPages";

const BASE_PATH = "/fair-shortlist/";
const REPORT = "https://www.jobs.nhs.uk/employer/vacancies/C9290-24-0999/reports/outcomes";
type Mode = "sso" | "redirect" | "api" | "reject";

function draft(reference: string) {
  return {
    reference,
    closingDate: "2025-01-31",
    band: "3",
    staffGroup: "clinical",
    counts: { white: { shortlisted: 2, appointed: 1 }, bme: { shortlisted: 2, appointed: 1 }, notStated: { shortlisted: 0, appointed: 0 } },
  };
}

const capture = (page: Page) => page.locator('fair-shortlist-overlay[data-feature="outcome-capture"]');

describe("the outbox delivers only on the API's own answer", () => {
  let server: Server;
  let base = "";
  let mode: Mode = "api";
  const seen: string[] = [];
  let browser: ExtensionBrowser;

  function answer(req: IncomingMessage, res: ServerResponse, body: string) {
    // Every part answers CORS as permissively as it can (the worst case: a page without these
    // headers fails in fetch already, and the outbox keeps the record as "not reachable").
    const cors = { "access-control-allow-origin": String(req.headers.origin ?? "*"), "access-control-allow-headers": "authorization, content-type", "access-control-allow-methods": "POST" };
    if (req.method === "OPTIONS") {
      res.writeHead(204, cors);
      return res.end();
    }
    seen.push(`${req.method} ${req.url}`);
    const send = (status: number, type: string, text: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": type, ...cors, ...headers });
      res.end(text);
    };
    if (req.url === "/login") return send(200, "application/json", JSON.stringify({ vacancyKey: "0".repeat(64), status: "created", financialYear: "2024/25" }));
    if (mode === "sso") return send(200, "text/html; charset=utf-8", "<!doctype html><title>Sign in to NHS mail</title><form><input name=user></form>");
    if (mode === "redirect") return send(302, "text/html", "", { location: "/login" });
    const single = req.url === `${BASE_PATH}v1/outcomes`;
    const batch = req.url === `${BASE_PATH}v1/outcomes/batch`;
    if (req.method !== "POST" || (!single && !batch)) return send(404, "application/json", JSON.stringify({ error: { code: "not_found", message: "No such route" } }));
    if (mode === "reject")
      return send(400, "application/json", JSON.stringify({ error: { code: "invalid_request", message: "Request body is invalid", issues: [{ path: "closingDate", message: "must be between 2000-01-01 and the end of next year" }] } }));
    const list = batch ? JSON.parse(body).outcomes : [JSON.parse(body)];
    const results = list.map((o: { vacancyKey: string }) => ({ vacancyKey: o.vacancyKey, status: "created", financialYear: "2024/25" }));
    if (batch) return send(200, "application/json", JSON.stringify({ created: results.length, replaced: 0, results }));
    return send(201, "application/json", JSON.stringify(results[0]));
  }

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => answer(req, res, body));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    browser = await launchWithExtension();
    await routeFixtures(browser.context);
    await setOrgSettings(browser.context, browser.extensionId, { apiUrl: `${base}${BASE_PATH}`, submitToken: "fs_submit_delivery_e2e_0123456789", orgSecret: "delivery-e2e-secret-0123456789" });
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => server?.close(r));
  });
  beforeEach(() => {
    seen.length = 0;
  });

  it("an SSO page answering 200 with HTML is not delivery: queued, explained; once the API answers, sent under the configured path", async () => {
    mode = "sso";
    const queued = await sendMessage(browser.context, browser.extensionId, "queueOutcome", draft("DLV-0001"));
    expect(queued).toMatchObject({ ok: true, delivered: false, submission: { state: "queued" } });
    expect(queued.message).toMatch(/answered with a web page, not the fair-shortlist API/);
    expect(seen).toEqual([`POST ${BASE_PATH}v1/outcomes`]);

    const popup = await openPopup(browser.context, browser.extensionId);
    await expect.poll(() => popup.getByTestId("queue-length").textContent()).toBe("1");
    expect(await popup.getByTestId("last-sync").textContent()).toBe("never");
    expect(await popup.getByTestId("last-error").textContent()).toMatch(/sign-in page/);

    mode = "api";
    await popup.getByRole("button", { name: "Sync now" }).click();
    await expect.poll(() => popup.getByTestId("sync-message").textContent()).toBe("Sent 1 outcome.");
    expect(await popup.getByTestId("queue-length").textContent()).toBe("0");
    await popup.close();
  });

  it("a redirect is not followed, so neither the record nor the token reaches the login page", async () => {
    mode = "redirect";
    const queued = await sendMessage(browser.context, browser.extensionId, "queueOutcome", draft("DLV-0002"));
    expect(queued).toMatchObject({ ok: true, delivered: false });
    expect(queued.message).toMatch(/redirected the request elsewhere/);
    expect(seen).toEqual([`POST ${BASE_PATH}v1/outcomes`]);
    mode = "api";
    expect(await sendMessage(browser.context, browser.extensionId, "syncNow", {})).toMatchObject({ ok: true, delivered: 1 });
  });

  it("a record the API rejects is shown with its reason in the overlay and the popup, never as sent, until dismissed", async () => {
    mode = "reject";
    const page = await browser.context.newPage();
    await page.goto(REPORT);
    await expect.poll(() => capture(page).getByTestId("outcome-payload").count(), { timeout: 10_000 }).toBe(1);
    await capture(page).getByRole("button", { name: "Confirm and send" }).click();
    const status = capture(page).getByTestId("outcome-status");
    await expect.poll(() => status.getAttribute("data-state")).toBe("rejected");
    expect(await status.textContent()).toMatch(/^Not sent\. The API rejected this submission \(400\).*closingDate: must be between 2000-01-01/);

    const popup = await openPopup(browser.context, browser.extensionId);
    await expect.poll(() => popup.getByTestId("rejected-count").textContent()).toBe("1");
    expect(await popup.getByTestId("rejected-item").textContent()).toMatch(/closingDate: must be between 2000-01-01/);
    expect(await popup.getByTestId("queue-length").textContent()).toBe("0");

    // Opened again later, the report page still says it was not sent.
    mode = "api";
    await page.reload();
    await expect.poll(() => capture(page).getByTestId("outcome-status").getAttribute("data-state"), { timeout: 10_000 }).toBe("rejected");

    // Dismissed in the popup: gone from both.
    await popup.getByTestId("rejected-item").getByRole("button", { name: "Dismiss" }).click();
    await expect.poll(() => popup.getByTestId("rejected").count()).toBe(0);
    await expect.poll(() => capture(page).getByTestId("outcome-status").count()).toBe(0);
    await popup.close();
    await page.close();
  });
});
