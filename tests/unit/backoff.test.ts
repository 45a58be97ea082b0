import { describe, expect, it } from "vitest";
import { RETRY_BASE_MS, RETRY_CAP_MS, retryDelayMs } from "../../extension/background/backoff";

describe("retryDelayMs (exponential backoff with equal jitter)", () => {
  it("doubles the nominal delay per attempt, between half and all of it", () => {
    for (let attempt = 1; attempt <= 6; attempt++) {
      const nominal = RETRY_BASE_MS * 2 ** (attempt - 1);
      expect(retryDelayMs(attempt, () => 0)).toBe(nominal / 2);
      expect(retryDelayMs(attempt, () => 0.999999)).toBeGreaterThan(nominal * 0.999);
      expect(retryDelayMs(attempt, () => 0.999999)).toBeLessThanOrEqual(nominal);
    }
  });

  it("never waits less than 15 s (alarms fire no sooner than 30 s anyway) nor more than the cap", () => {
    expect(retryDelayMs(1, () => 0)).toBe(15_000);
    expect(retryDelayMs(50, () => 0.999999)).toBeLessThanOrEqual(RETRY_CAP_MS);
    expect(retryDelayMs(1000, () => 0)).toBe(RETRY_CAP_MS / 2);
  });

  it("spreads browsers that failed together over the window (jitter)", () => {
    const seq = [0.1, 0.5, 0.9];
    const delays = seq.map((r) => retryDelayMs(3, () => r));
    expect(new Set(delays).size).toBe(3);
  });

  it("refuses nonsense attempts", () => {
    expect(() => retryDelayMs(0)).toThrow(RangeError);
    expect(() => retryDelayMs(1.5)).toThrow(RangeError);
  });
});
