import type { Readable } from "node:stream";
import {
  DEFAULT_LIMITS,
  type InputRecord,
  type ReadLimits,
  type RecordError,
  readRecords,
} from "./event-records.js";
import { expandSources, type InputSource, isSourceError, type SourceError } from "./input-source.js";

export type { InputRecord, RecordError } from "./event-records.js";

export interface ReadInputsOptions {
  cwd: string;
  stdin: () => Readable;
  env: Readonly<Record<string, string | undefined>>;
  limits?: ReadLimits;
}

/**
 * Every record of every input, in order, in batches (a batch is what one chunk of a source held):
 * files, folders, `-` and `s3://bucket/prefix`. Nothing here throws on input: a source that cannot
 * be opened or breaks off mid-read becomes an error naming it, and reading goes on with the next.
 */
export async function* readInputs(
  inputs: readonly string[],
  opts: ReadInputsOptions,
): AsyncGenerator<(InputRecord | RecordError)[]> {
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
    yield* readSource(source, opts.limits ?? DEFAULT_LIMITS);
  }
}

async function* readSource(
  source: InputSource,
  limits: ReadLimits,
): AsyncGenerator<(InputRecord | RecordError)[]> {
  let read = 0;
  try {
    for await (const batch of readRecords(source, limits)) {
      read += batch.length;
      yield batch;
    }
  } catch (err) {
    const after = read > 0 ? ` after ${read} record(s)` : "";
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
