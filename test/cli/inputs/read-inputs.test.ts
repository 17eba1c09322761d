import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync } from "node:fs";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bytesOf } from "../../../cli/inputs/line-batch.js";
import {
  type InputRecord,
  type RecordError,
  readInputs,
  readInputsOrLines,
} from "../../../cli/inputs/read-inputs.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "rb-inputs-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const event = (id: string) => ({ id, source: "aws.test", "detail-type": "Test", detail: { n: id } });

async function read(
  inputs: string[],
  stdin = "",
  limits?: { maxRecordChars: number; maxDocumentChars: number },
) {
  const records: InputRecord[] = [];
  const errors: RecordError[] = [];
  for await (const batch of readInputs(inputs, {
    cwd: dir,
    env: {},
    stdin: () => Readable.from([Buffer.from(stdin)]),
    ...(limits ? { limits } : {}),
  })) {
    for (const r of batch) {
      if ("message" in r) errors.push(r);
      else records.push(r);
    }
  }
  const ids = records.flatMap((r) => {
    try {
      return [(JSON.parse(r.text ?? JSON.stringify(r.value)) as { id: string }).id];
    } catch {
      return ["(not JSON)"];
    }
  });
  return { records, errors, ids, origins: records.map((r) => r.origin) };
}

async function file(name: string, content: string | Buffer): Promise<string> {
  const path = join(dir, name);
  await mkdir(join(path, ".."), { recursive: true });
  await writeFile(path, content);
  return name;
}

const lines = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => JSON.stringify(event(`e${from + i}`))).join("\n");

describe("reading event inputs as streams", () => {
  it.each([
    { name: "lines.jsonl", text: `${lines(3)}\n`, ids: ["e0", "e1", "e2"], origins: [":1", ":2", ":3"] },
    {
      name: "crlf.jsonl",
      text: `${lines(2).replace("\n", "\r\n")}\r\n`,
      ids: ["e0", "e1"],
      origins: [":1", ":2"],
    },
    { name: "one.json", text: JSON.stringify(event("x"), null, 2), ids: ["x"], origins: [""] },
    { name: "oneline.json", text: JSON.stringify(event("x")), ids: ["x"], origins: [""] },
    {
      name: "array.json",
      text: JSON.stringify([event("a"), event("b")], null, 2),
      ids: ["a", "b"],
      origins: ["[0]", "[1]"],
    },
    { name: "bom.json", text: `\ufeff${JSON.stringify(event("bom"))}`, ids: ["bom"], origins: [""] },
  ])("$name", async ({ name, text, ids, origins }) => {
    await file(name, text);
    const got = await read([name]);
    expect(got.errors).toEqual([]);
    expect(got.ids).toEqual(ids);
    expect(got.origins).toEqual(origins.map((o) => `${name}${o}`));
  });

  it("a broken line in the middle of a large file is reported with its line; the rest goes on", async () => {
    const text = `${lines(20_000)}\n{"id": "broken", \n${lines(20_000, 20_000)}\n`;
    await file("large.jsonl", text);
    const got = await read(["large.jsonl"]);
    expect(got.errors).toEqual([]);
    // The reader gives each line's text; the broken one is found bad when parsed, at its line.
    expect(got.ids).toHaveLength(40_001);
    expect(got.ids.indexOf("(not JSON)")).toBe(20_000);
    expect(got.origins[20_000]).toBe("large.jsonl:20001");
    expect(got.ids[40_000]).toBe("e39999");
  });

  it("gzip of JSON Lines and of an array", async () => {
    await file("g.jsonl.gz", gzipSync(`${lines(3)}\n`));
    await file("a.json.gz", gzipSync(JSON.stringify([event("z")])));
    const got = await read(["g.jsonl.gz", "a.json.gz"]);
    expect(got.errors).toEqual([]);
    expect(got.ids).toEqual(["e0", "e1", "e2", "z"]);
  });

  it("a truncated gzip file is an error naming it, after what could be read", async () => {
    const gz = gzipSync(`${lines(3)}\n`);
    await file("cut.jsonl.gz", gz.subarray(0, gz.length - 12));
    const got = await read(["cut.jsonl.gz"]);
    expect(got.errors).toEqual([{ origin: "cut.jsonl.gz", message: expect.stringMatching(/cannot read/) }]);
  });

  // 19.6: a broken JSON document is one error with its place, and nothing from the file is read.
  it.each([
    {
      name: "truncated.json",
      text: JSON.stringify(event("t"), null, 2).slice(0, -20),
      origin: /^truncated\.json:\d+:\d+$/,
    },
    {
      name: "missing-comma.json",
      text: JSON.stringify([event("a"), event("b"), event("c")], null, 2).replace("},\n  {", "}\n  {"),
      origin: /^missing-comma\.json:\d+$/,
    },
    {
      name: "unclosed-array.json",
      text: JSON.stringify([event("a"), event("b")], null, 2).slice(0, -2),
      origin: /^unclosed-array\.json$/,
    },
  ])("$name: one error, nothing read", async ({ name, text, origin }) => {
    await file(name, text);
    const got = await read([name]);
    expect(got.records).toEqual([]);
    expect(got.errors).toHaveLength(1);
    expect(got.errors[0]?.origin).toMatch(origin);
  });

  it("a line over the record limit is an error; the next lines are read", async () => {
    await file(
      "long.jsonl",
      `${lines(1)}\n${JSON.stringify({ ...event("big"), pad: "x".repeat(5000) })}\n${lines(1, 7)}\n`,
    );
    const got = await read(["long.jsonl"], "", { maxRecordChars: 1000, maxDocumentChars: 10_000 });
    expect(got.ids).toEqual(["e0", "e7"]);
    expect(got.errors).toEqual([
      { origin: "long.jsonl:2", message: expect.stringMatching(/longer than 1000/) },
    ]);
  });

  it("a CRLF line exactly at the limit is read, wherever the chunks end (its CR is not counted)", async () => {
    const at = JSON.stringify(event("at"));
    const text = `${at}\r\n${at}\r\n`;
    const limits = { maxRecordChars: at.length, maxDocumentChars: 10_000 };
    for (let cut = 1; cut < text.length; cut++) {
      const chunks = [Buffer.from(text.slice(0, cut)), Buffer.from(text.slice(cut))];
      const records: string[] = [];
      for await (const batch of readInputs(["-"], {
        cwd: dir,
        env: {},
        stdin: () => Readable.from(chunks),
        limits,
      }))
        for (const r of batch) records.push("message" in r ? r.message : r.origin);
      expect(records, `cut at ${cut}`).toEqual(["stdin:1", "stdin:2"]);
    }
  });

  it("text is decoded as TextDecoder decodes it, whatever the chunks: a leading BOM dropped, bad UTF-8 replaced", async () => {
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(`${JSON.stringify(event("é€😀"))}\n{"id":"`),
      Buffer.from([0xc3, 0xf4, 0x90, 0x80, 0x80, 0xe2, 0x82, 0xff, 0xed, 0xa0, 0x80, 0xf0, 0x9f]),
      Buffer.from(`","source":"s","detail-type":"d","detail":{}}\n`),
    ]);
    const expected = new TextDecoder("utf-8")
      .decode(bytes)
      .split("\n")
      .filter((l) => l !== "");
    for (const size of [1, 2, 3, 5, bytes.length]) {
      const chunks: Buffer[] = [];
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
      const texts: (string | undefined)[] = [];
      for await (const batch of readInputs(["-"], { cwd: dir, env: {}, stdin: () => Readable.from(chunks) }))
        for (const r of batch) texts.push("message" in r ? r.message : r.text);
      expect(texts).toEqual(expected);
    }
  });

  it("stdin streams like a file", async () => {
    const got = await read(["-"], `${lines(2)}\n`);
    expect(got.origins).toEqual(["stdin:1", "stdin:2"]);
  });
});

// 19.8: folders are walked once per real file, only regular files are read.
describe("walking folders", () => {
  it("symlink cycles end and a file reached twice is read once", async () => {
    await file("walk/a/one.json", JSON.stringify(event("one")));
    await symlink(join(dir, "walk"), join(dir, "walk/a/loop"));
    await symlink(join(dir, "walk/a/one.json"), join(dir, "walk/also-one.json"));
    const got = await read(["walk"]);
    expect(got.errors).toEqual([]);
    expect(got.ids).toEqual(["one"]);
  });

  it("a FIFO in a folder is reported, not read (reading it would wait forever)", async () => {
    await file("fifo/ok.json", JSON.stringify(event("ok")));
    execFileSync("mkfifo", [join(dir, "fifo/pipe.jsonl")]);
    const got = await read(["fifo"]);
    expect(got.ids).toEqual(["ok"]);
    expect(got.errors).toEqual([
      { origin: "fifo/pipe.jsonl", message: expect.stringMatching(/not a regular file/) },
    ]);
  });

  it("a device given as a file is reported, not read", async () => {
    const got = await read(["/dev/urandom"]);
    expect(got.records).toEqual([]);
    expect(got.errors).toEqual([
      { origin: "/dev/urandom", message: expect.stringMatching(/not a regular file/) },
    ]);
  });

  it("missing paths and dangling links are errors naming them", async () => {
    await mkdir(join(dir, "dangling"), { recursive: true });
    await symlink(join(dir, "nowhere.json"), join(dir, "dangling/gone.json"));
    const got = await read(["no-such.json", "dangling"]);
    expect(got.errors.map((e) => e.origin)).toEqual(["no-such.json", "dangling/gone.json"]);
  });
});

describe("stdin arrays", () => {
  it("a broken array on stdin is one error too, and none of its elements is given", async () => {
    const text = JSON.stringify([event("a"), event("b")], null, 2).replace("},\n  {", "}\n  {");
    const got = await read(["-"], text);
    expect(got.records).toEqual([]);
    expect(got.errors).toHaveLength(1);
  });

  it("a good array on stdin gives its elements", async () => {
    const got = await read(["-"], JSON.stringify([event("a"), event("b")]));
    expect(got.ids).toEqual(["a", "b"]);
    expect(got.origins).toEqual(["stdin[0]", "stdin[1]"]);
  });
});

describe("files larger than a read", () => {
  // A file is read into one buffer, refilled by each read: every reader must copy what it keeps.
  // Random text (so gzip cannot shrink it below several reads); a first line longer than a read.
  const big = (id: string, bytes: number) => ({
    ...event(id),
    detail: { blob: randomBytes(bytes).toString("hex") },
  });
  const events = [big("first", 1_500_000), ...Array.from({ length: 40 }, (_, i) => big(`e${i}`, 60_000))];
  const text = `${events.map((e) => JSON.stringify(e)).join("\n")}\n`;
  const blobs = events.map((e) => e.detail.blob);

  async function bothWays(name: string): Promise<{ text: string[]; lines: string[] }> {
    const opts = { cwd: dir, env: {}, stdin: () => Readable.from([]) };
    const asText: string[] = [];
    for await (const batch of readInputs([name], opts))
      for (const r of batch) asText.push("message" in r ? r.message : (r.text ?? JSON.stringify(r.value)));
    const asLines: string[] = [];
    for await (const batch of readInputsOrLines([name], opts)) {
      if (!("kind" in batch)) {
        for (const r of batch) asLines.push("message" in r ? r.message : (r.text ?? JSON.stringify(r.value)));
        continue;
      }
      const bytes = bytesOf(batch);
      for (let i = 0; i < batch.count; i++)
        asLines.push(bytes.toString("utf8", batch.lines[3 * i] as number, batch.lines[3 * i + 1] as number));
    }
    return { text: asText, lines: asLines };
  }
  const blobsOf = (texts: string[]) =>
    texts.map((t) => (JSON.parse(t) as { detail: { blob: string } }).detail.blob);

  const openFiles = () => readdirSync("/proc/self/fd").length;

  /** The same events as JSON Lines, gzipped JSON Lines and an array: each file larger than a read. */
  const kinds = [
    { ext: ".jsonl", content: () => text },
    { ext: ".jsonl.gz", content: () => gzipSync(text) },
    { ext: "-array.json", content: () => JSON.stringify(events) },
  ];

  it.each(kinds)(
    "$ext: a reader that stops after the first batch closes the file",
    async ({ ext, content }) => {
      const name = await file(`stop${ext}`, content());
      const opts = { cwd: dir, env: {}, stdin: () => Readable.from([]) };
      const before = openFiles();
      for (const read of [readInputs, readInputsOrLines]) {
        for await (const batch of read([name], opts)) {
          expect(batch).toBeDefined();
          break;
        }
        expect(openFiles(), read.name).toBe(before);
      }
    },
  );

  it.each(kinds)("$ext: every event arrives whole, read as text and as lines", async ({ ext, content }) => {
    const name = await file(`big${ext}`, content());
    const got = await bothWays(name);
    expect(blobsOf(got.text)).toEqual(blobs);
    expect(blobsOf(got.lines)).toEqual(blobs);
  });
});
