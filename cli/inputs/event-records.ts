import { pipeline } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import { createGunzip } from "node:zlib";
import { ArraySplitter } from "./array-splitter.js";
import type { InputSource } from "./input-source.js";
import { isAsciiSpace, type LineBatch, LineBuffers, LineSplitter } from "./line-batch.js";

/** One event-sized piece of input: its JSON text (JSON Lines, array elements) or its parsed value. */
export type InputRecord =
  | { origin: string; text: string; value?: undefined }
  | { origin: string; value: unknown; text?: undefined };

/** A piece of input that could not be read, with its place (`file:line`, `file:line:col`). */
export interface RecordError {
  origin: string;
  message: string;
}

export interface ReadLimits {
  /** Longest line or array element, in characters (EventBridge's events are at most 256 KB). */
  maxRecordChars: number;
  /** Largest file read as one JSON document (e.g. a CloudTrail log file), in characters. */
  maxDocumentChars: number;
}

/** An SQS batch of ten 256 KB events fits a record; a busy CloudTrail log file fits a document. */
export const DEFAULT_LIMITS: ReadLimits = { maxRecordChars: 4 << 20, maxDocumentChars: 64 << 20 };

/**
 * Reads one source as a stream (gzip undone): JSON Lines, one value per line, each bad line an error
 * with its line while the rest goes on; a JSON array, checked whole before any element is given
 * (a broken array runs nothing); or one JSON document spread over lines. Which it is comes from
 * the text: an array starts with `[`; JSON Lines when the first line is a complete value; a
 * document otherwise (so a truncated pretty-printed file is one error, not a line-by-line echo).
 * Records come in batches, so memory holds a batch, not the input.
 */
export async function* readRecords(
  source: InputSource,
  limits: ReadLimits = DEFAULT_LIMITS,
): AsyncGenerator<(InputRecord | RecordError)[]> {
  yield* readText(source, byteChunks(await source.open()), limits);
}

/**
 * As readRecords, but JSON Lines come as LineBatches, their lines left as bytes (replay matches
 * them without making strings). Which reading a source gets is decided on its first line, as the
 * text reader decides it; anything else (an array, a document, a first line that is not plain) is
 * read as text.
 */
export async function* readRecordsOrLines(
  source: InputSource,
  limits: ReadLimits = DEFAULT_LIMITS,
  buffers = new LineBuffers(),
): AsyncGenerator<(InputRecord | RecordError)[] | LineBatch> {
  // Large reads: what stays bytes is never a string in V8's heap, and each read is a trip to the
  // thread pool that the replay waits for (with 64 KB reads, a tenth of a one-thread replay).
  const bytes = byteChunks(await source.open(LINE_READ_BYTES));
  const head = await firstLine(bytes, limits);
  if (head.lines === undefined) {
    yield* readText(source, prependAll([head.bytes], bytes), limits);
    return;
  }
  const splitter = new LineSplitter(source.name, limits.maxRecordChars, undefined, buffers);
  try {
    let batch = splitter.push(head.bytes.subarray(head.lines));
    for (;;) {
      if (batch) yield batch;
      const next = await bytes.next();
      if (next.done) break;
      batch = splitter.push(next.value);
    }
    const last = splitter.end();
    if (last) yield last;
  } finally {
    // A reader that stops early ends the reads (and closes the file) here.
    await bytes.return(undefined);
  }
}

async function* readText(
  source: InputSource,
  bytes: AsyncIterable<Buffer>,
  limits: ReadLimits,
): AsyncGenerator<(InputRecord | RecordError)[]> {
  const chunks = textChunks(bytes);
  const first = await firstNonSpace(chunks);
  // Nothing but whitespace: no events, as an empty JSON Lines file has none.
  if (first === undefined) return;
  if (first.char === "[") {
    // Checked whole before any element is given: read twice, or (stdin) held up to the document limit.
    let again: AsyncIterable<string>;
    let checking: AsyncIterable<string> = prepend(first.text, chunks);
    if (source.reopenable) {
      again = textChunks(byteChunks(await source.open()));
    } else {
      const held = await holdText(checking, limits.maxDocumentChars);
      if (held === undefined) {
        yield [{ origin: source.name, message: `larger than ${limits.maxDocumentChars} characters` }];
        return;
      }
      checking = fromArray(held);
      again = fromArray(held);
    }
    const error = await checkArray(checking, source.name, limits);
    if (error) {
      yield [error];
      return;
    }
    yield* splitArray(again, source.name, limits);
    return;
  }
  yield* linesOrDocument(prepend(first.text, chunks), source.name, limits);
}

async function* linesOrDocument(
  chunks: AsyncIterable<string>,
  name: string,
  limits: ReadLimits,
): AsyncGenerator<(InputRecord | RecordError)[]> {
  let pending = "";
  let lineNo = 0;
  let mode: "unknown" | "lines" | "document" = "unknown";
  let skipping = false;
  const batch: (InputRecord | RecordError)[] = [];
  const takeLine = (line: string): void => {
    lineNo++;
    if (skipping) {
      skipping = false;
      return;
    }
    const text = line.endsWith("\r") ? line.slice(0, -1) : line;
    if (text.trim() === "") return;
    if (text.length > limits.maxRecordChars) {
      batch.push({
        origin: `${name}:${lineNo}`,
        message: `line longer than ${limits.maxRecordChars} characters`,
      });
      return;
    }
    batch.push({ origin: `${name}:${lineNo}`, text });
  };
  for await (const chunk of chunks) {
    if (mode === "document") {
      pending += chunk;
      if (pending.length > limits.maxDocumentChars) {
        yield [{ origin: name, message: `larger than ${limits.maxDocumentChars} characters` }];
        return;
      }
      continue;
    }
    let text = pending.length > 0 ? pending + chunk : chunk;
    let from = 0;
    for (let nl = text.indexOf("\n"); nl !== -1; nl = text.indexOf("\n", from)) {
      if (mode === "unknown") {
        mode = isCompleteValue(text.slice(0, nl)) ? "lines" : "document";
        if (mode === "document") break;
      }
      takeLine(text.slice(from, nl));
      from = nl + 1;
    }
    if (mode === "document") {
      pending = text;
      continue;
    }
    pending = from === 0 ? text : text.slice(from);
    if (mode === "unknown" && pending.length > limits.maxDocumentChars) {
      yield [{ origin: name, message: `larger than ${limits.maxDocumentChars} characters` }];
      return;
    }
    // A CR last may be the line's end (CRLF split between chunks): it does not count.
    if (mode === "lines" && pending.length - (pending.endsWith("\r") ? 1 : 0) > limits.maxRecordChars) {
      if (!skipping)
        batch.push({
          origin: `${name}:${lineNo + 1}`,
          message: `line longer than ${limits.maxRecordChars} characters`,
        });
      skipping = true;
      pending = "";
    }
    text = "";
    if (batch.length > 0) yield batch.splice(0);
  }
  if (mode === "unknown" && isCompleteValue(pending)) {
    // One line, one value: the file is the event (or envelope), named by the file alone.
    yield [{ origin: name, text: pending.trim() }];
    return;
  }
  if (mode !== "lines") {
    yield [parseDocument(pending, name)];
    return;
  }
  if (pending.length > 0) takeLine(pending);
  if (batch.length > 0) yield batch;
}

/** The whole text as one JSON value, or one error with its line and column. */
function parseDocument(text: string, name: string): InputRecord | RecordError {
  try {
    return { origin: name, value: JSON.parse(text) };
  } catch (err) {
    const message = (err as Error).message;
    const at = /position (\d+)/.exec(message);
    // "Unexpected end of JSON input" names no position: the end is where it broke off.
    const position = at ? Number(at[1]) : text.trimEnd().length;
    const where = `:${lineCol(text, position)}`;
    return {
      origin: `${name}${where}`,
      message: `not valid JSON: ${message.replace(/ in JSON at .*$/, "")}`,
    };
  }
}

function lineCol(text: string, position: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < position; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return `${line}:${position - lineStart + 1}`;
}

/** Whether a line holds a whole JSON value (JSON Lines), as opposed to the start of a longer one. */
function isCompleteValue(line: string): boolean {
  try {
    JSON.parse(line);
    return true;
  } catch {
    // A line that is broken but closes what it opens is still a (bad) line of JSON Lines.
    return closesWhatItOpens(line);
  }
}

function closesWhatItOpens(line: string): boolean {
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (inString) {
      if (escaped) escaped = false;
      else if (c === 0x5c) escaped = true;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return depth <= 0 && !inString;
}

/** The first pass over an array: every element parses and the punctuation is right. */
async function checkArray(
  chunks: AsyncIterable<string>,
  name: string,
  limits: ReadLimits,
): Promise<RecordError | undefined> {
  let bad: RecordError | undefined;
  const splitter = new ArraySplitter((text, index, line) => {
    if (bad) return;
    try {
      JSON.parse(text);
    } catch (err) {
      bad = {
        origin: `${name}:${line}`,
        message: `element ${index} is not valid JSON: ${(err as Error).message}`,
      };
    }
  }, limits.maxRecordChars);
  for await (const chunk of chunks) {
    splitter.push(chunk);
    if (bad || splitter.error) break;
  }
  if (!bad) splitter.end();
  if (bad) return { ...bad, message: `${bad.message}; nothing from this file is read` };
  if (splitter.error) return { origin: name, message: `${splitter.error}; nothing from this file is read` };
  return undefined;
}

async function* splitArray(
  chunks: AsyncIterable<string>,
  name: string,
  limits: ReadLimits,
): AsyncGenerator<(InputRecord | RecordError)[]> {
  let batch: (InputRecord | RecordError)[] = [];
  const splitter = new ArraySplitter((text, index) => {
    batch.push({ origin: `${name}[${index}]`, text });
  }, limits.maxRecordChars);
  for await (const chunk of chunks) {
    splitter.push(chunk);
    if (batch.length > 0) {
      yield batch;
      batch = [];
    }
    if (splitter.error) break;
  }
  splitter.end();
  if (batch.length > 0) yield batch;
}

/** All chunks, or undefined past `max` characters. */
async function holdText(chunks: AsyncIterable<string>, max: number): Promise<string[] | undefined> {
  const held: string[] = [];
  let length = 0;
  for await (const chunk of chunks) {
    length += chunk.length;
    if (length > max) return undefined;
    held.push(chunk);
  }
  return held;
}

async function* fromArray<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items;
}

/** The source's bytes: gunzipped when they start with gzip's magic number. */
async function* byteChunks(bytes: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const it = bytes[Symbol.asyncIterator]();
  const head = await it.next();
  if (head.done) return;
  const firstChunk = head.value;
  const rest = prepend(firstChunk, { [Symbol.asyncIterator]: () => it });
  try {
    if (firstChunk[0] === 0x1f && firstChunk[1] === 0x8b) {
      // Copied: gunzip may still hold a chunk when the next read refills its buffer (InputSource.open).
      yield* pipeline(copies(rest), createGunzip(), () => {
        // Errors reach the reader through the gunzip stream it iterates.
      }) as AsyncIterable<Buffer>;
      return;
    }
    yield* rest;
  } finally {
    // A reader that stops early (or gunzip's stream, destroyed) ends the reads: the file closes.
    await it.return?.();
  }
}

async function* copies(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  for await (const chunk of chunks) yield Buffer.from(chunk);
}

/**
 * The bytes up to the first line's end (or more than a record's worth without one), and whether
 * the source reads as JSON Lines from bytes: its first character past whitespace is ASCII and not
 * `[`, and its first line is a complete value (see isCompleteValue). `lines` is then where the
 * text starts (after a byte-order mark).
 */
async function firstLine(
  bytes: AsyncIterator<Buffer>,
  limits: ReadLimits,
): Promise<{ bytes: Buffer; lines?: number }> {
  const chunks: Buffer[] = [];
  let size = 0;
  let newline = -1;
  while (newline === -1 && size <= limits.maxRecordChars) {
    const next = await bytes.next();
    if (next.done) break;
    newline = next.value.indexOf(10);
    if (newline !== -1) newline += size;
    // Copied, unless the line ends in it: concat copies that one before a read refills the buffer.
    chunks.push(newline !== -1 ? next.value : Buffer.from(next.value));
    size += next.value.length;
  }
  const head = Buffer.concat(chunks);
  if (newline === -1) return { bytes: head };
  const from = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  let p = from;
  while (p < head.length && isAsciiSpace(head[p] as number)) p++;
  if (p === head.length || (head[p] as number) >= 0x80 || head[p] === 0x5b) return { bytes: head };
  return isCompleteValue(head.toString("utf8", from, newline))
    ? { bytes: head, lines: from }
    : { bytes: head };
}

/**
 * `first`, then the rest of `rest`. A reader that stops early ends `rest` too, whatever it had
 * reached: a file's reads hold it open until they end (see input-source.ts).
 */
async function* prependAll<T>(first: readonly T[], rest: AsyncIterator<T>): AsyncGenerator<T> {
  try {
    yield* first;
    for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
  } finally {
    await rest.return?.();
  }
}

const LINE_READ_BYTES = 1 << 20;
/** Text is decoded at most this much at a time, whatever the reads (see input-source.ts). */
const TEXT_CHUNK_BYTES = 1 << 16;

/** The source's bytes as text. */
async function* textChunks(stream: AsyncIterable<Buffer>): AsyncGenerator<string> {
  // StringDecoder gives the text TextDecoder gives (same replacement characters for bad UTF-8),
  // several times faster on streamed chunks; TextDecoder's one difference, dropping a byte-order
  // mark at the start, is made here.
  const decoder = new StringDecoder("utf8");
  let started = false;
  for await (const read of stream) {
    for (let at = 0; at < read.length; at += TEXT_CHUNK_BYTES) {
      const chunk = read.length <= TEXT_CHUNK_BYTES ? read : read.subarray(at, at + TEXT_CHUNK_BYTES);
      let text = decoder.write(chunk);
      if (!started && text.length > 0) {
        started = true;
        if (text.charCodeAt(0) === BOM) text = text.slice(1);
      }
      if (text.length > 0) yield text;
    }
  }
  let tail = decoder.end();
  if (!started && tail.charCodeAt(0) === BOM) tail = tail.slice(1);
  if (tail.length > 0) yield tail;
}

const BOM = 0xfeff;

/** `first`, then `rest`; as prependAll, ending `rest` when a reader stops early. */
function prepend<T>(first: T, rest: AsyncIterable<T>): AsyncGenerator<T> {
  return prependAll([first], rest[Symbol.asyncIterator]());
}

/** Finds the first character that is not whitespace or a byte-order mark; its chunk comes back (BOM dropped). */
async function firstNonSpace(
  chunks: AsyncGenerator<string>,
): Promise<{ char: string; text: string } | undefined> {
  let skipped = "";
  for (;;) {
    const next = await chunks.next();
    if (next.done) return undefined;
    const text = skipped + next.value.replace(/^\ufeff/, "");
    const at = text.search(/[^\s]/);
    if (at !== -1) return { char: text[at] as string, text };
    // Keep the newlines, so line numbers stay right.
    skipped = text;
  }
}
