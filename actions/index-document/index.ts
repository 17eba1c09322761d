import type { ActionDefinition } from "../../engine/action/types.js";
import { checkIndexDocument } from "./check.js";
import { indexDocumentIam } from "./iam.js";
import {
  INDEX_DOCUMENT,
  indexDocumentDefaults,
  indexDocumentSchema,
  indexDocumentSecrets,
} from "./params.js";
import { planIndexDocument } from "./plan.js";
import { runIndexDocument } from "./run.js";
import { indexDocumentSamples } from "./samples.js";
import { indexDocumentTarget } from "./target.js";

export const indexDocumentAction: ActionDefinition = {
  type: INDEX_DOCUMENT,
  description:
    "Index a document (by default the whole event) into OpenSearch, signed with SigV4 for Amazon OpenSearch Service and Serverless.",
  paramsSchema: indexDocumentSchema,
  defaults: indexDocumentDefaults,
  secretParams: indexDocumentSecrets,
  check: checkIndexDocument,
  iam: indexDocumentIam,
  plan: planIndexDocument,
  run: runIndexDocument,
  target: indexDocumentTarget,
  samples: indexDocumentSamples,
};
