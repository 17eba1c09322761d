import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileTemplate } from "../../../engine/template/index.js";

// Node re-reads TZ when process.env.TZ is assigned, so the machine's zone can be changed here.
// The engine runs in Lambda (UTC); a developer laptop must render the same index names.
describe.each(["Pacific/Kiritimati", "America/Los_Angeles", "Asia/Tokyo"])(
  "date filter with TZ=%s",
  (zone) => {
    const saved = process.env.TZ;
    beforeAll(() => {
      process.env.TZ = zone;
    });
    afterAll(() => {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    });

    it("the machine really is in another zone (otherwise this test proves nothing)", () => {
      expect(new Date("2016-10-17T20:29:14Z").getTimezoneOffset()).not.toBe(0);
    });

    it.each([
      ["2016-10-17T20:29:14Z", "%Y.%m.%d", "2016.10.17"],
      ["2016-10-17T23:59:59Z", "%Y.%m.%d %H:%M", "2016.10.17 23:59"],
      ["2016-10-18T00:00:01Z", "%Y.%m.%d %H:%M", "2016.10.18 00:00"],
      ["2016-10-17T20:29:14.123+09:00", "%Y-%m-%dT%H:%M:%S%z", "2016-10-17T11:29:14+0000"],
      ["2016-10-17 20:29:14", "%Y.%m.%d %H:%M", "2016.10.17 20:29"],
      ["2016-10-17", "%Y.%m.%d %H:%M", "2016.10.17 00:00"],
    ])("%s | date: %s → %s", (time, format, expected) => {
      const t = compileTemplate(`{{ event.time | date: "${format}" }}`);
      expect(t.render({ event: { time } })).toBe(expected);
    });
  },
);

describe("date filter input", () => {
  it.each([
    ["13-digit epoch milliseconds (number)", { t: 1577836800000 }, "2020-01-01 00:00"],
    ["13-digit epoch milliseconds (string, SQS SentTimestamp)", { t: "1577836800123" }, "2020-01-01 00:00"],
    ["10-digit epoch seconds", { t: 1577836800 }, "2020-01-01 00:00"],
    ["epoch seconds as a string", { t: "1577836860" }, "2020-01-01 00:01"],
  ])("%s", (_label, event, expected) => {
    expect(compileTemplate(`{{ event.t | date: "%Y-%m-%d %H:%M" }}`).render({ event })).toBe(expected);
  });

  it.each(["now", "today"])('"%s" is the evaluation\'s now, not the wall clock', (word) => {
    const t = compileTemplate(`{{ "${word}" | date: "%Y-%m-%d %H:%M:%S" }}`);
    expect(t.render({ now: "2001-02-03T04:05:06Z" })).toBe("2001-02-03 04:05:06");
  });
});
