/** Reference documentation generated from the rule schema, the action registry, the matcher and the CLI. */
export { generateReference, REFERENCE_DIR } from "./generate-reference.js";
export { writeReference } from "./write-reference.js";
