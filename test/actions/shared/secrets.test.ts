import { describe, expect, it } from "vitest";
import {
  cachedSecret,
  DEFAULT_SECRET_MAX_AGE_MS,
  forgetSecret,
  REDACTED,
  redact,
  secretKey,
  secretMaxAgeMs,
} from "../../../actions/shared/secrets.js";

describe("cachedSecret", () => {
  it("loads once, even for concurrent callers", async () => {
    const cache = new Map<string, Promise<string>>();
    let loads = 0;
    const load = async () => {
      loads++;
      return "value";
    };
    const values = await Promise.all([1, 2, 3].map(() => cachedSecret(cache, "k", load)));
    expect(values).toEqual(["value", "value", "value"]);
    expect(await cachedSecret(cache, "k", load)).toBe("value");
    expect(loads).toBe(1);
  });

  it("forgets a failed load, so the next attempt tries again", async () => {
    const cache = new Map<string, Promise<string>>();
    await expect(cachedSecret(cache, "k", () => Promise.reject(new Error("throttled")))).rejects.toThrow();
    await Promise.resolve();
    expect(cache.has("k")).toBe(false);
    expect(await cachedSecret(cache, "k", async () => "second")).toBe("second");
  });
});

describe("secrets that rotate", () => {
  it("are fetched again once older than the maximum age", async () => {
    const cache = new Map<string, Promise<string>>();
    let clock = 1_000;
    let version = 0;
    const load = async () => `v${++version}`;
    const get = () => cachedSecret(cache, "k", load, 60_000, () => clock);
    expect(await get()).toBe("v1");
    clock += 59_999;
    expect(await get()).toBe("v1");
    clock += 1;
    expect(await get()).toBe("v2");
  });

  it("are fetched again once forgotten (the target refused them)", async () => {
    const cache = new Map<string, Promise<string>>();
    let version = 0;
    const load = async () => `v${++version}`;
    expect(await cachedSecret(cache, "k", load)).toBe("v1");
    forgetSecret(cache, "k");
    expect(await cachedSecret(cache, "k", load)).toBe("v2");
  });

  it.each([
    [{}, DEFAULT_SECRET_MAX_AGE_MS],
    [{ POWERTOOLS_PARAMETERS_MAX_AGE: "5" }, 5_000],
    [{ POWERTOOLS_PARAMETERS_MAX_AGE: "0" }, 0],
    [{ POWERTOOLS_PARAMETERS_MAX_AGE: "soon" }, DEFAULT_SECRET_MAX_AGE_MS],
  ])("maximum age from %j: %i ms", (env, ms) => {
    expect(secretMaxAgeMs(env)).toBe(ms);
  });
});

describe("secretKey", () => {
  it("keeps parts apart and ignores the order of map entries", () => {
    expect(secretKey("a:b", "c")).not.toBe(secretKey("a", "b:c"));
    expect(secretKey("kms", { B: "2", A: "1" })).toBe(secretKey("kms", { A: "1", B: "2" }));
    expect(secretKey("kms", undefined)).not.toBe(secretKey("kms", "undefined"));
  });
});

describe("redact", () => {
  const url = "https://hooks.slack.com/services/T000/B000/abcdefghijklmnop";

  it("removes the URL in every form a library may print it", () => {
    const text = `failed ${url}; host+path hooks.slack.com/services/T000/B000/abcdefghijklmnop; path /services/T000/B000/abcdefghijklmnop`;
    const out = redact(text, [url]);
    expect(out).not.toContain("abcdefghijklmnop");
    expect(out).toContain(REDACTED);
  });

  it("leaves text without the secret alone and ignores trivially short secrets", () => {
    expect(redact("nothing to see", [url])).toBe("nothing to see");
    expect(redact("a b c", ["a"])).toBe("a b c");
  });
});
