import type { Readable } from "node:stream";
import {
  DEFAULT_LIMITS,
  type InputRecord,
  type ReadLimits,
  type RecordError,
  readRecords,
  readRecordsOrLines,
} from "./event-records.js";
import { expandSources, type InputSource, isSourceError, type SourceError } from "./input-source.js";
import { type LineBatch, LineBuffers } from "./line-batch.js";

export type { InputRecord, RecordError } from "./event-records.js";
export type { LineBatch } from "./line-batch.js";

export interface ReadInputsOptions {
  cwd: string;
  stdin: () => Readable;
  env: Readonly<Record<string, string | undefined>>;
  limits?: ReadLimits;
  /** Where LineBatches take their buffers, to which their reader gives them back (readInputsOrLines). */
  lineBuffers?: LineBuffers;
}

/**
 * Every record of every input, in order, in batches (a batch is what one chunk of a source held):
 * files, folders, `-` and `s3://bucket/prefix`. Nothing here throws on input: a source that cannot
 * be opened or breaks off mid-read becomes an error naming it, and reading goes on with the next.
 */
export function readInputs(
  inputs: readonly string[],
  opts: ReadInputsOptions,
): AsyncGenerator<(InputRecord | RecordError)[]> {
  return readAll(inputs, opts, readRecords);
}

/** As readInputs, with JSON Lines sources as LineBatches (their lines left as bytes: see readRecordsOrLines). */
export function readInputsOrLines(
  inputs: readonly string[],
  opts: ReadInputsOptions,
): AsyncGenerator<(InputRecord | RecordError)[] | LineBatch> {
  const buffers = opts.lineBuffers ?? new LineBuffers();
  return readAll(inputs, opts, (source, limits) => readRecordsOrLines(source, limits, buffers));
}

type Batch = (InputRecord | RecordError)[] | LineBatch;

async function* readAll<B extends Batch>(
  inputs: readonly string[],
  opts: ReadInputsOptions,
  read: (source: InputSource, limits: ReadLimits) => AsyncGenerator<B>,
): AsyncGenerator<B | RecordError[]> {
  const sources = expandSources(inputs, {
    cwd: opts.cwd,
    stdin: opts.stdin,
    s3: (url) => s3(url, opts.env),
  });
  for await (const source of sources) {
    if (isSourceError(source)) {
      yield [source];
      continue;
    }
    yield* readSource(source, opts.limits ?? DEFAULT_LIMITS, read);
  }
}

async function* readSource<B extends Batch>(
  source: InputSource,
  limits: ReadLimits,
  read: (source: InputSource, limits: ReadLimits) => AsyncGenerator<B>,
): AsyncGenerator<B | RecordError[]> {
  let records = 0;
  try {
    for await (const batch of read(source, limits)) {
      records += "kind" in batch ? batch.count : batch.length;
      yield batch;
    }
  } catch (err) {
    const after = records > 0 ? ` after ${records} record(s)` : "";
    yield [{ origin: source.name, message: `cannot read${after}: ${(err as Error).message}` }];
  }
}

/** The S3 client loads only when an S3 location is given: the core imports no AWS SDK client. */
async function* s3(url: string, env: ReadInputsOptions["env"]): AsyncGenerator<InputSource | SourceError> {
  const { s3Sources } = await import("./s3-sources.js");
  yield* s3Sources(url, env);
}

export function isRecordError(r: InputRecord | RecordError): r is RecordError {
  return "message" in r;
}
