import type { FilterImplOptions } from "liquidjs";
import { liquidjs } from "./liquidjs.js";

const { filters: builtinFilters, Liquid, toValue } = liquidjs;

type FilterHandler = Extract<FilterImplOptions, (...args: never[]) => unknown>;
type FilterThis = ThisParameterType<FilterHandler>;

/**
 * Tags rule templates may not use, and why: the file tags would read other templates (rule
 * templates are self-contained strings), and `echo` would bypass the strict output checks.
 */
const UNAVAILABLE_TAGS: Record<string, string> = {
  include: "rule templates cannot read other templates or files",
  render: "rule templates cannot read other templates or files",
  layout: "rule templates cannot read other templates or files",
  block: "rule templates cannot read other templates or files",
  echo: "write {{ … }} instead",
};

/** Filters that turn a value into a date; LiquidJS passes unreadable input through unchanged. */
const DATE_FILTERS = ["date", "date_to_xmlschema", "date_to_rfc822", "date_to_string", "date_to_long_string"];

/** Marker format for probing whether LiquidJS could read a value as a date. */
const PROBE = "\u0000%s";

/**
 * The one Liquid instance every rule template is parsed and rendered with.
 *
 * - strictFilters: an unknown filter is a syntax error at load time, not a silent no-op.
 * - strictVariables + lenientIf: a missing variable is an error, except where Liquid gives the
 *   author a way to say "optional": the `default` filter and the `if`/`unless`/`case` tests.
 *   Null and empty values are handled per output by `strict-outputs.ts`.
 * - ownPropertyOnly: `__proto__`, `constructor` and other inherited names read as missing.
 * - timezoneOffset 0 + en-US: `date` renders the same in Lambda and on any laptop.
 * - no file system: `templates: {}` replaces it with an empty in-memory map, and the tags that
 *   would read files are parse errors (as is `echo`, see UNAVAILABLE_TAGS).
 * - no output escaping: templates produce tag values, JSON and Slack text, not HTML.
 * - limits: a template cannot hang or exhaust the Lambda (rule files are reviewed, but events are not).
 */
export const liquid = new Liquid({
  strictFilters: true,
  strictVariables: true,
  lenientIf: true,
  ownPropertyOnly: true,
  jsTruthy: false,
  timezoneOffset: 0,
  preserveTimezones: false,
  locale: "en-US",
  templates: {},
  root: [],
  relativeReference: false,
  dynamicPartials: false,
  cache: false,
  parseLimit: 1_000_000,
  renderLimit: 2_000,
  memoryLimit: 50_000_000,
});

for (const [tag, why] of Object.entries(UNAVAILABLE_TAGS)) {
  liquid.registerTag(tag, {
    parse() {
      throw new Error(`tag "${tag}" is not available: ${why}`);
    },
    render() {
      return "";
    },
  });
}

for (const name of DATE_FILTERS) {
  const builtin = builtinFilters[name];
  if (typeof builtin !== "function") throw new Error(`liquidjs no longer provides the ${name} filter`);
  liquid.registerFilter(name, strictDate(name, builtin));
}

/**
 * Wraps a LiquidJS date filter so it only reads what is unambiguously a time, the same way on every
 * machine, and fails on anything else instead of passing it through (an index named
 * `ecs-events-yyyy-mm-ddThh:mm:ssZ` helps nobody, and V8 happily reads "us-east-1" as 2001-01-01).
 * Accepted: numbers and digit strings (epoch seconds, or epoch milliseconds from 13 digits on, as
 * in SQS's `SentTimestamp`), "now"/"today" (the evaluation's `now`, so fixtures render the same on
 * every run), and ISO 8601 dates and date-times; a date-time without a zone is taken as UTC
 * (JavaScript would use the machine's zone).
 */
function strictDate(name: string, builtin: FilterHandler): FilterHandler {
  const date = builtinFilters.date as FilterHandler;
  return function (this: FilterThis, value: unknown, ...args: unknown[]): unknown {
    const input = dateInput(value, this.context.environments);
    const probe: unknown = input === undefined ? undefined : date.call(this, input, PROBE);
    if (typeof probe !== "string" || probe === input || !probe.startsWith("\u0000")) {
      throw new Error(`${name}: cannot read ${preview(value)} as a date`);
    }
    return builtin.call(this, input, ...args);
  };
}

const ISO_DATE = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * From this magnitude on an epoch number is milliseconds: 10^12 ms is 2001-09-09, while 10^12
 * seconds would be the year 33658, which no event means.
 */
const EPOCH_MILLIS_FROM = 1e12;

/** The value to hand LiquidJS's date parsing, or undefined when it is not a time we accept. */
function dateInput(raw: unknown, scope: unknown): unknown {
  const value = toValue(raw);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value === "number") return Number.isFinite(value) ? epoch(value) : undefined;
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  if (text === "now" || text === "today") return evaluationTime(scope) ?? text;
  if (/^\d+$/.test(text)) return epoch(Number(text));
  const m = ISO_DATE.exec(text);
  if (!m) return undefined;
  return m[2] === undefined ? text : `${m[1]}T${m[2]}${m[3] ?? "Z"}`;
}

function epoch(n: number): number | Date {
  return Math.abs(n) >= EPOCH_MILLIS_FROM ? new Date(n) : n;
}

/** The evaluation's `now` from the render scope; absent outside an evaluation (then the clock). */
function evaluationTime(scope: unknown): Date | undefined {
  if (scope === null || typeof scope !== "object" || !Object.hasOwn(scope, "now")) return undefined;
  const now: unknown = toValue((scope as { now: unknown }).now);
  const time = now instanceof Date ? now : typeof now === "string" ? new Date(now) : undefined;
  return time && !Number.isNaN(time.getTime()) ? time : undefined;
}

/** A short, safe rendering of a value for an error message. */
function preview(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
