import { ipHexDigits } from "../text/ip-address.js";
import { isComparableNumber } from "../text/java-double.js";
import { javaUtf8View } from "../text/java-text.js";

/**
 * One leaf value of an event, in the forms event-ruler compares: strings carry their JSON quotes
 * (so prefix/suffix/wildcard patterns, which are quoted too, can never match a number), numbers
 * carry their JSON text and, when event-ruler can compare them, their numeric value.
 */
export class EventValue {
  readonly kind: "string" | "number" | "literal";
  /** The string itself, or the JSON text of a number/true/false/null. */
  readonly text: string;
  readonly number: number;
  private javaView: string | undefined;
  private ip: string | null | undefined;
  private comparableCache: boolean | undefined;
  private ascii = false;

  private constructor(kind: "string" | "number" | "literal", text: string, number: number) {
    this.kind = kind;
    this.text = text;
    this.number = number;
  }

  /** `ascii`: `s` is known to hold only ASCII characters, so `exact` is its own Java view. */
  static string(s: string, ascii = false): EventValue {
    const value = new EventValue("string", s, Number.NaN);
    value.ascii = ascii;
    return value;
  }

  /** `text` is the JSON spelling; -0 is compared as 0, as BigDecimal does. */
  static number(n: number, text: string): EventValue {
    return new EventValue("number", text, n === 0 ? 0 : n);
  }

  static literal(text: "true" | "false" | "null"): EventValue {
    return new EventValue("literal", text, Number.NaN);
  }

  /** The value as event-ruler's exact matcher sees it (strings quoted). */
  get exact(): string {
    return this.kind === "string" ? `"${this.text}"` : this.text;
  }

  /** `exact` as Java's UTF-8 bytes see it (lone surrogates read as '?'). */
  get bytes(): string {
    if (this.javaView === undefined) this.javaView = this.ascii ? this.exact : javaUtf8View(this.exact);
    return this.javaView;
  }

  /** Whether numeric operators apply (a JSON number Java prints back exactly). */
  get comparable(): boolean {
    if (this.kind !== "number") return false;
    if (this.comparableCache === undefined) this.comparableCache = isComparableNumber(this.number);
    return this.comparableCache;
  }

  /** Hex digits of the IP address a string spells, or null. */
  get ipDigits(): string | null {
    if (this.kind !== "string") return null;
    if (this.ip === undefined) this.ip = ipHexDigits(this.text);
    return this.ip;
  }
}
