import { describe, expect, it } from "vitest";
import { alarmViewFromEvent } from "../../../engine/alarm/index.js";

// What the alarm view reads out of CloudWatch's reason sentence and reasonData, one case at a time.

/** A minimal state change, to vary one part at a time. */
function change(
  state: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    source: "aws.cloudwatch",
    "detail-type": "CloudWatch Alarm State Change",
    detail: { alarmName: "a", state: { value: "ALARM", ...state }, ...extra },
  };
}

describe("value: the latest datapoint", () => {
  it.each<[string, Record<string, unknown>, number | null]>([
    [
      "recentDatapoints is oldest first",
      { reasonData: '{"recentDatapoints":[5.0,6.0,7.5]}', reason: "x" },
      7.5,
    ],
    ["reasonData already parsed", { reasonData: { recentDatapoints: [1, 2] } }, 2],
    [
      "evaluatedDatapoints: the newest with a value",
      {
        reasonData: JSON.stringify({
          recentDatapoints: [],
          evaluatedDatapoints: [
            { timestamp: "2024-10-26T18:59:00.000+0000", value: 3 },
            { timestamp: "2024-10-26T19:01:00.000+0000", value: 4 },
            { timestamp: "2024-10-26T19:02:00.000+0000" },
          ],
        }),
      },
      4,
    ],
    [
      "the reason lists the newest first",
      {
        reason:
          "Threshold Crossed: 3 out of the last 3 datapoints [1141.0 (09/10/20 21:24:00), 1226.0 (09/10/20 21:19:00), 1390.0 (09/10/20 21:14:00)] were greater than or equal to the threshold (30.0) (minimum 3 datapoints for OK -> ALARM transition).",
      },
      1141,
    ],
    [
      "the reason's times decide when present, whatever the order",
      {
        reason:
          "Threshold Crossed: 2 datapoints [1.0 (31/12/19 23:59:00), 2.0 (01/01/20 00:00:00)] were less than the threshold (5.0).",
      },
      2,
    ],
    [
      "a reason without times",
      {
        reason:
          "Threshold Crossed: 1 out of the last 1 datapoints [1.0] was greater than or equal to the threshold (1.0).",
      },
      1,
    ],
    [
      "the older single-datapoint wording",
      { reason: "Threshold Crossed: 1 datapoint (0.204) was less than the threshold (10.0)." },
      0.204,
    ],
    [
      "Java exponent notation",
      {
        reason:
          "Threshold Crossed: 1 datapoint [1.0E7 (01/01/20 00:00:00)] was greater than the threshold (5.0E6).",
      },
      1e7,
    ],
    [
      "missing data treated as breaching",
      {
        reason:
          "Threshold Crossed: no datapoints were received for 1 period and 1 missing datapoint was treated as [Breaching].",
      },
      null,
    ],
    [
      "insufficient data",
      { reason: "Insufficient Data: 5 datapoints were unknown.", reasonData: '{"recentDatapoints":[]}' },
      null,
    ],
    ["a manual state change", { reason: "test" }, null],
    [
      "unparseable reasonData falls back to the reason",
      { reasonData: "{not json", reason: "1 datapoint [3.5] was" },
      3.5,
    ],
  ])("%s", (_name, state, expected) => {
    expect(alarmViewFromEvent(change(state))?.value).toBe(expected);
  });
});

describe("comparison and threshold", () => {
  it.each<[string, string, string | null, number | null]>([
    ["greater than", "1 datapoint [9.0] was greater than the threshold (5.0).", "GreaterThanThreshold", 5],
    [
      "greater than or equal",
      "3 datapoints [9.0] were greater than or equal to the threshold (5.0).",
      "GreaterThanOrEqualToThreshold",
      5,
    ],
    ["less than", "1 datapoint [1.0] was less than the threshold (-2.5).", "LessThanThreshold", -2.5],
    [
      "less than or equal",
      "1 datapoint [0.0] was less than or equal to the threshold (0.0).",
      "LessThanOrEqualToThreshold",
      0,
    ],
    [
      "an OK reason is negated but names the same operator",
      "1 datapoint [2.0] was not less than or equal to the threshold (0.0).",
      "LessThanOrEqualToThreshold",
      0,
    ],
    [
      "band: upper only",
      "1 datapoint [9.0] was greater than the upper thresholds [5.0].",
      "GreaterThanUpperThreshold",
      null,
    ],
    [
      "band: lower only",
      "1 datapoint [1.0] was less than the lower thresholds [2.0].",
      "LessThanLowerThreshold",
      null,
    ],
    [
      "band: both, negated",
      "was not less than the lower thresholds [1] or not greater than the upper thresholds [2]",
      "LessThanLowerOrGreaterThanUpperThreshold",
      null,
    ],
    ["nothing to go by", "Unchecked: Initial alarm creation", null, null],
  ])("%s", (_name, reason, comparison, threshold) => {
    const view = alarmViewFromEvent(change({ reason }));
    expect([view?.comparison, view?.threshold]).toEqual([comparison, threshold]);
  });

  it("prefers the configuration, then reasonData, over the reason's wording", () => {
    const view = alarmViewFromEvent(
      change(
        { reason: "1 datapoint [1.0] was less than the threshold (3.0).", reasonData: '{"threshold": 4.0}' },
        { configuration: { comparisonOperator: "LessThanOrEqualToThreshold", threshold: 2 } },
      ),
    );
    expect([view?.comparison, view?.threshold]).toEqual(["LessThanOrEqualToThreshold", 2]);
    const fromData = alarmViewFromEvent(
      change({
        reason: "1 datapoint [1.0] was less than the threshold (3.0).",
        reasonData: '{"threshold": 4.0}',
      }),
    );
    expect(fromData?.threshold).toBe(4);
  });

  it("falls back to the previous state's reason when the new one says nothing (e.g. set-alarm-state)", () => {
    const view = alarmViewFromEvent(
      change(
        { reason: "test" },
        {
          previousState: {
            value: "OK",
            reason: "1 datapoint [2.0] was not greater than the threshold (7.0).",
          },
        },
      ),
    );
    expect(view).toMatchObject({
      comparison: "GreaterThanThreshold",
      threshold: 7,
      value: null,
      previousState: "OK",
    });
  });
});
