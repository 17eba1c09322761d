import { randomBytes } from "node:crypto";

/**
 * A name no other test, worker or concurrent test run uses: OpenSearch is shared by the whole run, so
 * each test writes to indices of its own. Lower-case, as OpenSearch index names must be.
 */
export function uniqueName(prefix: string): string {
  return `${prefix}-${process.pid}-${randomBytes(4).toString("hex")}`.toLowerCase();
}
