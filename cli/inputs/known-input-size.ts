import { resolve } from "node:path";
import { walkFiles } from "../../engine/load/walk-files.js";
import { isEventFileName } from "./input-source.js";

/**
 * The bytes of the local event files among `inputs` (files, and the event files in folders, as
 * expandSources finds them), counted until `enough`: a command can tell a large input before
 * reading it. Standard input and S3 count nothing (their size is not known up front), nor do
 * entries that cannot be read (reading reports them); gzip files count their compressed size.
 */
export async function knownInputBytes(
  inputs: readonly string[],
  cwd: string,
  enough: number,
): Promise<number> {
  let bytes = 0;
  const seen = new Set<string>();
  for (const input of inputs) {
    if (input === "-" || input.startsWith("s3://")) continue;
    for await (const entry of walkFiles(resolve(cwd, input), { accept: isEventFileName, seen })) {
      if (entry.kind !== "file" || !entry.info.isFile()) continue;
      bytes += entry.info.size;
      if (bytes >= enough) return bytes;
    }
  }
  return bytes;
}
