/**
 * Splits the text of a JSON array into the texts of its elements as the text streams in, without
 * building them: a nesting depth and a string state are all it keeps, besides the element in hand.
 * It checks only the array's own punctuation; each element is JSON.parse'd by whoever reads it.
 */
export class ArraySplitter {
  #state: "before" | "inside" | "after" = "before";
  #depth = 0;
  #inString = false;
  #escaped = false;
  #parts: string[] = [];
  #partsLength = 0;
  #count = 0;
  /** 1-based line of the text read so far, and of the element in hand's first character. */
  #line = 1;
  #elementLine = 1;
  #error: string | undefined;

  constructor(
    private readonly onElement: (text: string, index: number, line: number) => void,
    private readonly maxElementChars: number,
  ) {}

  /** The first problem found in the array's structure, with its line; then nothing more is read. */
  get error(): string | undefined {
    return this.#error;
  }

  push(chunk: string): void {
    let start = this.#state === "inside" ? 0 : -1;
    for (let i = 0; i < chunk.length && this.#error === undefined; i++) {
      const c = chunk.charCodeAt(i);
      if (c === 10) this.#line++;
      if (this.#state === "before") {
        if (c === 0x5b) {
          this.#state = "inside";
          start = i + 1;
          this.#elementLine = this.#line;
        } else if (!isSpace(c) && c !== 0xfeff) this.#fail("expected `[`");
        continue;
      }
      if (this.#state === "after") {
        if (!isSpace(c)) this.#fail("text after the array's closing `]`");
        continue;
      }
      if (this.#inString) {
        if (this.#escaped) this.#escaped = false;
        else if (c === 0x5c) this.#escaped = true;
        else if (c === 0x22) this.#inString = false;
        continue;
      }
      if (c === 0x22) this.#inString = true;
      else if (c === 0x7b || c === 0x5b) this.#depth++;
      else if ((c === 0x7d || c === 0x5d) && this.#depth > 0) this.#depth--;
      else if (this.#depth === 0 && (c === 0x2c || c === 0x5d)) {
        this.#take(chunk.slice(start, i), c === 0x5d);
        if (c === 0x5d) this.#state = "after";
        start = i + 1;
        this.#elementLine = this.#line;
      }
    }
    if (this.#state === "inside" && this.#error === undefined && start >= 0) this.#keep(chunk.slice(start));
  }

  /** Call at the end of the text: an array not closed is an error (a truncated file). */
  end(): void {
    if (this.#error !== undefined) return;
    if (this.#state === "before") this.#fail("empty input, expected a JSON array");
    else if (this.#state === "inside") this.#fail("the array is not closed (truncated?)");
  }

  #keep(text: string): void {
    if (text.length === 0) return;
    this.#parts.push(text);
    this.#partsLength += text.length;
    if (this.#partsLength > this.maxElementChars)
      this.#fail(`element ${this.#count} is longer than ${this.maxElementChars} characters`);
  }

  #take(last: string, closing: boolean): void {
    this.#keep(last);
    const text = this.#parts.length === 1 ? (this.#parts[0] as string) : this.#parts.join("");
    this.#parts = [];
    this.#partsLength = 0;
    if (text.trim() === "") {
      // `[]` is an empty array; `[1,]` or `[,1]` is not JSON.
      if (closing && this.#count === 0) return;
      this.#fail(`missing array element ${this.#count}`);
      return;
    }
    if (this.#error === undefined)
      this.onElement(text, this.#count++, this.#elementLine + leadingLines(text));
  }

  #fail(message: string): void {
    this.#error ??= `line ${this.#line}: ${message}`;
  }
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function leadingLines(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length && isSpace(text.charCodeAt(i)); i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}
