import { createRequire } from "node:module";
import type * as Yaml from "yaml";

let loaded: typeof Yaml | undefined;

/**
 * The yaml package, loaded on the first rule file parsed rather than with `import "rulebridge"`:
 * a library caller that only matches, and the deployed engine (which reads the rule artifact),
 * never parse YAML.
 */
export function yaml(): typeof Yaml {
  loaded ??= createRequire(import.meta.url)("yaml") as typeof Yaml;
  return loaded;
}
