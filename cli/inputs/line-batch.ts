import { StringDecoder } from "node:string_decoder";
import { copyBytes } from "../../engine/pattern/index.js";

/**
 * Complete lines of one JSON Lines source, kept as the bytes they were read as: replay matches
 * them without making strings (PatternIndex.matchBytes) and decodes only the lines it needs. Plain
 * data in shared memory, which a worker thread reads where it is.
 */
export interface LineBatch {
  kind: "lines";
  /** The source as shown in messages: a path, `stdin`, `s3://…`. */
  source: string;
  bytes: Uint8Array;
  /**
   * Three numbers per line, in reading order: start, end (a final CR left out) and line number. A
   * start of -1 is a line longer than `maxRecordChars` (an invalid input at that line).
   */
  lines: Int32Array;
  count: number;
  maxRecordChars: number;
}

/** Where line `i` of a batch was read: `file:line`. */
export function lineOrigin(batch: LineBatch, i: number): string {
  return `${batch.source}:${batch.lines[3 * i + 2]}`;
}

/** The batch's bytes as a Buffer (a thread receives a plain Uint8Array), sharing their memory. */
export function bytesOf(batch: LineBatch): Buffer {
  const { bytes } = batch;
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The message of an over-long line, as the text reader words it. */
export function longLineMessage(maxRecordChars: number): string {
  return `line longer than ${maxRecordChars} characters`;
}

/** Bytes gathered before lines are cut into a batch: about a thousand events of a KB. */
const BATCH_BYTES = 1 << 20;

/**
 * Buffers for LineBatches, given back once a batch is replayed and taken again for the next one.
 * Allocating a fresh buffer for every batch made V8 run a full collection every few batches (it
 * collects when array-buffer memory churns), several times as much collection as the text reader.
 * They are shared memory, so a worker thread reads a batch where it is: nothing is copied, and
 * nothing moves from thread to thread (moving buffers churns as allocating them does).
 */
export class LineBuffers {
  readonly #free: Buffer[] = [];

  /** A buffer of at least `size` bytes. */
  take(size: number): Buffer {
    for (let i = this.#free.length - 1; i >= 0; i--) {
      const buf = this.#free[i] as Buffer;
      if (buf.length >= size) {
        this.#free.splice(i, 1);
        return buf;
      }
    }
    return Buffer.from(new SharedArrayBuffer(size));
  }

  /** A batch's bytes (all of their memory) to use again: the batch must not be read afterwards. */
  give(bytes: Uint8Array): void {
    if (this.#free.length >= MAX_FREE) return;
    this.#free.push(Buffer.from(bytes.buffer, 0, bytes.buffer.byteLength));
  }
}

/** Buffers kept for reuse: two per thread that can hold a batch is plenty. */
const MAX_FREE = 16;

/**
 * Splits a byte stream of JSON Lines into LineBatches, as the text reader splits decoded text:
 * lines counted from 1 at each LF, a CR before it dropped, blank lines (JavaScript's `trim`)
 * skipped, and a line over the limit (in UTF-16 units, as a string's length counts) reported once
 * at its number and skipped, even while it is still streaming in.
 */
export class LineSplitter {
  #buf: Buffer;
  #fill = 0;
  #lineNo = 0;
  #skipping = false;
  #entries: number[] = [];

  /** `batchBytes`: how many bytes gather before lines are cut (tests make it small). */
  constructor(
    private readonly source: string,
    private readonly maxRecordChars: number,
    private readonly batchBytes = BATCH_BYTES,
    private readonly buffers = new LineBuffers(),
  ) {
    this.#buf = buffers.take(batchBytes);
  }

  /** Takes a chunk; a batch when enough bytes have gathered. */
  push(chunk: Uint8Array): LineBatch | undefined {
    if (this.#fill + chunk.length > this.#buf.length) {
      const grown = this.buffers.take(Math.max(2 * this.#buf.length, this.#fill + chunk.length));
      copyBytes(grown, 0, this.#buf, 0, this.#fill);
      this.buffers.give(this.#buf);
      this.#buf = grown;
    }
    copyBytes(this.#buf, this.#fill, chunk, 0, chunk.length);
    this.#fill += chunk.length;
    return this.#fill >= this.batchBytes ? this.#cut(false) : undefined;
  }

  /** The last lines (the final one may lack its LF). */
  end(): LineBatch | undefined {
    return this.#cut(true);
  }

  #cut(final: boolean): LineBatch | undefined {
    const buf = this.#buf;
    const fill = this.#fill;
    let from = 0;
    for (let nl = buf.indexOf(10, 0); nl !== -1 && nl < fill; nl = buf.indexOf(10, from)) {
      this.#take(from, nl);
      from = nl + 1;
    }
    if (final) {
      if (from < fill) this.#take(from, fill);
      from = fill;
    } else if (
      fill - from - (buf[fill - 1] === 0x0d ? 1 : 0) > this.maxRecordChars &&
      !this.#partialFits(from, fill)
    ) {
      // A line still streaming in is already too long: reported now, its bytes dropped as they come.
      if (!this.#skipping) this.#entries.push(-1, 0, this.#lineNo + 1);
      this.#skipping = true;
      from = fill;
    }
    const rest = fill - from;
    this.#buf = this.buffers.take(Math.max(this.batchBytes, 2 * rest));
    copyBytes(this.#buf, 0, buf, from, fill);
    this.#fill = rest;
    if (this.#entries.length === 0) {
      this.buffers.give(buf);
      return undefined;
    }
    const lines = Int32Array.from(this.#entries);
    this.#entries = [];
    return {
      kind: "lines",
      source: this.source,
      bytes: buf.subarray(0, from),
      lines,
      count: lines.length / 3,
      maxRecordChars: this.maxRecordChars,
    };
  }

  #take(start: number, end: number): void {
    const buf = this.#buf;
    this.#lineNo++;
    if (this.#skipping) {
      this.#skipping = false;
      return;
    }
    if (end > start && buf[end - 1] === 0x0d) end--;
    let p = start;
    while (p < end && isAsciiSpace(buf[p] as number)) p++;
    if (p === end) return;
    // Only a non-ASCII character can be the first that is not ASCII space; then trim decides.
    if ((buf[p] as number) >= 0x80 && buf.toString("utf8", start, end).trim() === "") return;
    if (end - start > this.maxRecordChars && buf.toString("utf8", start, end).length > this.maxRecordChars) {
      this.#entries.push(-1, 0, this.#lineNo);
      return;
    }
    this.#entries.push(start, end, this.#lineNo);
  }

  /**
   * Whether the partial line's text so far is within the limit: an incomplete last character held
   * back, and a CR last not counted (it may end the line), as the text reader counts.
   */
  #partialFits(from: number, fill: number): boolean {
    const text = new StringDecoder("utf8").write(this.#buf.subarray(from, fill));
    return text.length - (text.endsWith("\r") ? 1 : 0) <= this.maxRecordChars;
  }
}

/** Whitespace that `trim` and `\s` take, among ASCII: tab, LF, VT, FF, CR, space. */
export function isAsciiSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}
