import type { Readable } from "node:stream";
import { GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import type { InputSource, SourceError } from "./input-source.js";

/**
 * The objects under `s3://bucket/prefix`, in key order, each a source streamed from GetObject.
 * Credentials and region come from the SDK's default chain; an endpoint override (AWS_ENDPOINT_URL,
 * AWS_ENDPOINT_URL_S3, as for a local S3) also selects path-style addressing, which such servers need.
 * Keys ending in `/` (folder markers) are skipped; a prefix naming one object reads that object.
 */
export async function* s3Sources(
  url: string,
  env: Readonly<Record<string, string | undefined>>,
): AsyncGenerator<InputSource | SourceError> {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(url);
  if (!match) {
    yield { origin: url, message: "expected s3://bucket/prefix" };
    return;
  }
  const [, bucket, prefix] = match as unknown as [string, string, string];
  const client = new S3Client({
    region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? "us-east-1",
    forcePathStyle: env.AWS_ENDPOINT_URL !== undefined || env.AWS_ENDPOINT_URL_S3 !== undefined,
  });
  let token: string | undefined;
  let found = 0;
  try {
    do {
      const page = await client.send(
        new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
      );
      for (const object of page.Contents ?? []) {
        const key = object.Key;
        if (key === undefined || key.endsWith("/")) continue;
        found++;
        yield {
          name: `s3://${bucket}/${key}`,
          reopenable: true,
          open: async () => {
            const got = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
            return got.Body as Readable;
          },
        };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
  } catch (err) {
    yield { origin: url, message: `cannot list: ${(err as Error).name}: ${(err as Error).message}` };
    return;
  }
  if (found === 0) yield { origin: url, message: "no objects under this prefix" };
}
