import { Readable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readRecords, readRecordsOrLines } from "../../../cli/inputs/event-records.js";
import type { InputSource } from "../../../cli/inputs/input-source.js";
import {
  bytesOf as batchBytes,
  type LineBatch,
  LineSplitter,
  lineOrigin,
  longLineMessage,
} from "../../../cli/inputs/line-batch.js";

type Item = { origin: string; text?: string; value?: unknown; message?: string };

function source(chunks: readonly Buffer[]): InputSource {
  return { name: "in.jsonl", open: () => Readable.from(chunks), reopenable: true };
}

function expand(batch: LineBatch): Item[] {
  return Array.from({ length: batch.count }, (_, i) =>
    (batch.lines[3 * i] as number) < 0
      ? { origin: lineOrigin(batch, i), message: longLineMessage(batch.maxRecordChars) }
      : {
          origin: lineOrigin(batch, i),
          text: batchBytes(batch).toString("utf8", batch.lines[3 * i], batch.lines[3 * i + 1]),
        },
  );
}

async function asText(chunks: Buffer[], limits: Limits): Promise<Item[]> {
  const out: Item[] = [];
  for await (const batch of readRecords(source(chunks), limits)) out.push(...batch);
  return out;
}

async function asLines(chunks: Buffer[], limits: Limits): Promise<{ items: Item[]; batches: number }> {
  const items: Item[] = [];
  let batches = 0;
  for await (const batch of readRecordsOrLines(source(chunks), limits)) {
    if ("kind" in batch) {
      batches++;
      items.push(...expand(batch));
    } else items.push(...batch);
  }
  return { items, batches };
}

interface Limits {
  maxRecordChars: number;
  maxDocumentChars: number;
}

/** Lines a user's files hold, and the odd ones: blank, Unicode spaces, CR, bad UTF-8, broken, long. */
const lineArb = fc.oneof(
  fc.constantFrom(
    '{"id":"a","source":"s","detail-type":"d"}',
    '  {"id":"b"}  ',
    "",
    "   ",
    "\t\r",
    "\u00a0",
    "\u2028 ",
    "\ufeff",
    '{"é":"ü ✓ 𝄞"}',
    '{"a":',
    "not json",
    '{"x":"\\u0041"}\r',
    "]",
    "[1]",
  ),
  fc.string({ maxLength: 60 }).map((s) => JSON.stringify({ s })),
  fc.uint8Array({ maxLength: 12 }).map((b) => `{"raw":"${Buffer.from(b).toString("latin1")}"}`),
);

const inputArb = fc.record({
  lines: fc.array(lineArb, { maxLength: 25 }),
  bom: fc.boolean(),
  trailingNewline: fc.boolean(),
  badBytes: fc.array(fc.integer({ min: 0, max: 4000 }), { maxLength: 3 }),
  cuts: fc.array(fc.integer({ min: 1, max: 4000 }), { maxLength: 6 }),
  maxRecordChars: fc.integer({ min: 8, max: 90 }),
});

function bytesOf(input: {
  lines: string[];
  bom: boolean;
  trailingNewline: boolean;
  badBytes: number[];
}): Buffer {
  const text = input.lines.join("\n") + (input.trailingNewline ? "\n" : "");
  let bytes = Buffer.from(text, "utf8");
  if (input.bom) bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
  for (const at of input.badBytes) if (bytes.length > 0) bytes[at % bytes.length] = 0xff;
  return bytes;
}

function chunked(bytes: Buffer, cuts: readonly number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let from = 0;
  for (const p of [...points, bytes.length]) {
    if (p > from) out.push(bytes.subarray(from, p));
    from = Math.max(from, p);
  }
  return out;
}

describe("JSON Lines read as bytes", () => {
  it("give exactly the records the text reader gives, however the bytes are chunked", async () => {
    await fc.assert(
      fc.asyncProperty(inputArb, async (input) => {
        const bytes = bytesOf(input);
        const limits = { maxRecordChars: input.maxRecordChars, maxDocumentChars: 5000 };
        const chunks = chunked(bytes, input.cuts);
        const { items } = await asLines(chunks, limits);
        expect(items).toEqual(await asText(chunks, limits));
      }),
      { numRuns: 400 },
    );
  });

  it("the splitter alone, cutting batches every few bytes, gives the text reader's lines", async () => {
    await fc.assert(
      fc.asyncProperty(inputArb, fc.integer({ min: 1, max: 64 }), async (input, batchBytes) => {
        // Lines mode is what the text reader picked: a first line that is a whole value.
        fc.pre(input.lines.length > 1 && input.lines[0] === '{"id":"a","source":"s","detail-type":"d"}');
        const bytes = bytesOf({ ...input, bom: false, badBytes: [] });
        const limits = { maxRecordChars: input.maxRecordChars, maxDocumentChars: 5000 };
        const splitter = new LineSplitter("in.jsonl", limits.maxRecordChars, batchBytes);
        const items: Item[] = [];
        for (const chunk of chunked(bytes, input.cuts)) {
          const batch = splitter.push(chunk);
          if (batch) items.push(...expand(batch));
        }
        const last = splitter.end();
        if (last) items.push(...expand(last));
        expect(items).toEqual(await asText([bytes], limits));
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    { name: "JSON Lines", text: '{"id":"1"}\n{"id":"2"}\n', batches: 1 },
    { name: "an array", text: '[{"id":"1"},\n{"id":"2"}]\n', batches: 0 },
    { name: "a pretty-printed document", text: '{\n  "Records": []\n}\n', batches: 0 },
    { name: "one event without a newline", text: '{"id":"1"}', batches: 0 },
    { name: "a blank first line, then lines", text: '\n{"id":"1"}\n', batches: 1 },
  ])("$name: read as bytes only when it is JSON Lines", async ({ text, batches }) => {
    const limits = { maxRecordChars: 1000, maxDocumentChars: 5000 };
    const chunks = [Buffer.from(text)];
    const read = await asLines(chunks, limits);
    expect(read.batches).toBe(batches);
    expect(read.items).toEqual(await asText(chunks, limits));
  });

  it("a line still streaming in past the limit is reported once, at its number, and skipped", () => {
    const splitter = new LineSplitter("big.jsonl", 10, 4);
    const items: Item[] = [];
    for (const part of ['{"a":1}\n{"long":"', "xxxxxxxxxxxxxxxx", "xxxxxx", '"}\n{"b":2}\n']) {
      const batch = splitter.push(Buffer.from(part));
      if (batch) items.push(...expand(batch));
    }
    const last = splitter.end();
    if (last) items.push(...expand(last));
    expect(items).toEqual([
      { origin: "big.jsonl:1", text: '{"a":1}' },
      { origin: "big.jsonl:2", message: "line longer than 10 characters" },
      { origin: "big.jsonl:3", text: '{"b":2}' },
    ]);
  });
});
