export { EXAMPLE_RULE_NAME } from "./example-rule.js";
export { packageRoot, packageVersion, shippedWorkflow, WORKFLOW_EXAMPLE } from "./package-root.js";
export {
  existingFiles,
  type ProjectFile,
  type ProjectInputs,
  projectFiles,
  writeProjectFiles,
} from "./project-files.js";
export { packageNameFor } from "./project-templates.js";
