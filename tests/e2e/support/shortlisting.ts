import { expect } from "vitest";
import type { Page } from "playwright-core";

/** Scores every criterion of the NHS Jobs fixture's application page at `level`, with an evidence note. */
export async function scoreAll(page: Page, level: number, note = (i: number) => `Evidence for criterion ${i + 1}: gave a dated example.`) {
  const blocks = page.locator("[data-testid=fs-criterion]");
  await expect.poll(() => blocks.count()).toBe(6);
  for (let i = 0; i < 6; i++) {
    await blocks.nth(i).locator(`[data-testid=fs-level-${level}]`).check();
    await blocks.nth(i).locator("[data-testid=fs-note]").fill(note(i));
  }
  await blocks.last().locator("[data-testid=fs-note]").blur();
}
