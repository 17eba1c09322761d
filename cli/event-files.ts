import { Readable } from "node:stream";
import { type InputItem, unwrapInput } from "../engine/envelope.js";
import type { LineBuffers } from "./inputs/line-batch.js";
import {
  type InputRecord,
  isRecordError,
  type LineBatch,
  type ReadInputsOptions,
  type RecordError,
  readInputs,
  readInputsOrLines,
} from "./inputs/read-inputs.js";
import type { CliIo } from "./io.js";

/** An input that could not be read or is not an event, with its place: `file:line`, `file[3]`, `stdin`. */
export interface EventReadError {
  origin: string;
  message: string;
}

/** What one batch of input held: the events to evaluate and the inputs that were invalid. */
export interface EventBatch {
  items: InputItem[];
  errors: EventReadError[];
}

/** The records of the CLI's event inputs (files, folders, `-`, `s3://…`), streamed in batches. */
export function recordBatches(
  inputs: readonly string[],
  io: CliIo,
): AsyncGenerator<(InputRecord | RecordError)[]> {
  return readInputs(inputs.length > 0 ? inputs : ["-"], readOptions(io));
}

/** As recordBatches, with JSON Lines sources as LineBatches (lines left as bytes, for replay). */
export function recordOrLineBatches(
  inputs: readonly string[],
  io: CliIo,
  lineBuffers?: LineBuffers,
): AsyncGenerator<(InputRecord | RecordError)[] | LineBatch> {
  return readInputsOrLines(inputs.length > 0 ? inputs : ["-"], {
    ...readOptions(io),
    ...(lineBuffers ? { lineBuffers } : {}),
  });
}

function readOptions(io: CliIo): ReadInputsOptions {
  return {
    cwd: io.cwd,
    env: io.env,
    stdin: () => io.stdinStream?.() ?? Readable.from(lazyText(io.readStdin)),
  };
}

/**
 * Reads events from files, folders (recursively, sorted), `-` (stdin) and S3, as a stream: each
 * batch unwrapped into items (envelopes opened) and errors naming field or place. Memory holds a
 * batch, not the input.
 */
export async function* eventBatches(inputs: readonly string[], io: CliIo): AsyncGenerator<EventBatch> {
  for await (const records of recordBatches(inputs, io)) {
    const batch: EventBatch = { items: [], errors: [] };
    for (const record of records) addRecord(record, batch);
    yield batch;
  }
}

/** Parses and unwraps one record into `batch`. */
export function addRecord(record: InputRecord | RecordError, batch: EventBatch): void {
  if (isRecordError(record)) {
    batch.errors.push(record);
    return;
  }
  let value: unknown = record.value;
  if (record.text !== undefined) {
    try {
      value = JSON.parse(record.text);
    } catch (err) {
      batch.errors.push({ origin: record.origin, message: `not valid JSON: ${(err as Error).message}` });
      return;
    }
  }
  const unwrapped = unwrapInput(value, record.origin);
  batch.items.push(...unwrapped.items);
  for (const e of unwrapped.errors)
    batch.errors.push({ origin: record.origin, message: `${e.field}: ${e.message}` });
}

async function* lazyText(read: () => Promise<string>): AsyncGenerator<Buffer> {
  yield Buffer.from(await read(), "utf8");
}
