import { generatedBanner } from "./markdown.js";

/** One generated document: its file name under docs/reference/ and what the index says of it. */
export interface ReferenceDocument {
  file: string;
  title: string;
  summary: string;
}

/** docs/reference/README.md: links to the generated documents. */
export function referenceIndex(documents: readonly ReferenceDocument[]): string {
  const lines = documents.map((d) => `- [${d.title}](${d.file}): ${d.summary}`);
  return `${generatedBanner("the list of reference documents")}

# Reference

Generated from the code itself (the rule schema, the action registry, the pattern matcher and the
CLI's help texts); \`npm run docs\` regenerates them, and a test fails when they are stale.

${lines.join("\n")}

See also: [templates and conditions](../templates-and-conditions.md),
[EventBridge parity](../eventbridge-parity.md).
`;
}
