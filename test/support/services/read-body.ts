import type { IncomingMessage } from "node:http";

/** Request bodies in tests are small; a cap keeps a runaway client from filling memory. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** Reads a whole request body; rejects when the client goes away or sends more than the cap. */
export function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolveBody, rejectBody) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        rejectBody(new Error(`request body larger than ${MAX_BODY_BYTES} bytes`));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.once("end", () => resolveBody(Buffer.concat(chunks)));
    request.once("error", rejectBody);
  });
}
