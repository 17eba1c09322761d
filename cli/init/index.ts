export {
  packagePeers,
  packageRoot,
  packageVersion,
  shippedWorkflow,
  WORKFLOW_EXAMPLE,
} from "../../engine/package-root.js";
export { EXAMPLE_RULE_NAME } from "./example-rule.js";
export {
  existingFiles,
  type ProjectFile,
  type ProjectInputs,
  projectFiles,
  writeProjectFiles,
} from "./project-files.js";
export { packageNameFor } from "./project-templates.js";
