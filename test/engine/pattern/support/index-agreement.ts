import fc from "fast-check";
import { expect } from "vitest";
import {
  checkPattern,
  compilePattern,
  PatternIndex,
  type PatternIndexOptions,
} from "../../../../engine/pattern/index.js";
import { eventArb, patternArb } from "./arbitraries.js";
import { asciiJson, matchBytesOf, matchViaBytes } from "./bytes.js";

/**
 * The property every PatternIndex route must hold: for random patterns and events, the index
 * answers what matching each pattern on its own answers (by `match`, and by `matchText` and
 * `matchBytes` when asked: where matchBytes declines, its caller's matchText answers).
 */
export function assertIndexAgreesWithPatterns(
  options: PatternIndexOptions,
  { text = false, numRuns }: { text?: boolean; numRuns: number },
): void {
  fc.assert(
    fc.property(
      fc.array(patternArb, { minLength: 1, maxLength: 25 }),
      fc.array(eventArb, { maxLength: 8 }),
      (patterns, events) => {
        const valid = patterns.filter((p) => checkPattern(p) === null);
        const index = new PatternIndex<number>(options);
        valid.forEach((p, i) => {
          index.add(i, p);
        });
        const compiled = valid.map((p) => compilePattern(p));
        for (const event of events) {
          const expected = compiled.flatMap((c, i) => (c.matches(event) ? [i] : []));
          expect(index.match(event)).toEqual(expected);
          if (!text) continue;
          const json = JSON.stringify(event) ?? "null";
          expect(index.matchText(json)).toEqual(expected);
          const raw = matchBytesOf(index, json);
          if (raw !== undefined) expect(raw).toEqual(expected);
          expect(matchViaBytes(index, asciiJson(json))).toEqual(expected);
        }
      },
    ),
    { numRuns },
  );
}
