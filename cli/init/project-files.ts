import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { EXAMPLE_RULE_NAME, exampleFixtureText, exampleRuleText } from "./example-rule.js";
import {
  actionsReadmeText,
  gitignoreText,
  packageJsonText,
  packageNameFor,
  readmeText,
  settingsText,
} from "./project-templates.js";

/** One file of a new rules repository, its path relative to the repository. */
export interface ProjectFile {
  path: string;
  content: string;
}

export interface ProjectInputs {
  /** The folder the repository is created in; its name becomes the package name. */
  dir: string;
  /** The rulebridge version to pin. */
  version: string;
  /** The CDK packages `synth` needs (rulebridge's peer dependencies), name → version range. */
  peers: Record<string, string>;
  /** The editor schemas' texts (rules, fixture files, settings), as `rulebridge schema` prints them. */
  schemas: { rule: string; fixture: string; settings: string };
  /** The CI workflow text (examples/github-workflow.yml). */
  workflow: string;
}

/** Every file `rulebridge init` writes, in the order it reports them. Pure: no I/O. */
export function projectFiles(inputs: ProjectInputs): ProjectFile[] {
  const name = packageNameFor(basename(resolve(inputs.dir)));
  return [
    { path: join("rules", `${EXAMPLE_RULE_NAME}.yaml`), content: exampleRuleText },
    { path: join("rules", `${EXAMPLE_RULE_NAME}.test.yaml`), content: exampleFixtureText },
    { path: join("rules", "rule.schema.json"), content: inputs.schemas.rule },
    { path: join("rules", "fixture.schema.json"), content: inputs.schemas.fixture },
    { path: join("rules", "settings.schema.json"), content: inputs.schemas.settings },
    { path: "rulebridge.yaml", content: settingsText },
    { path: join("actions", "README.md"), content: actionsReadmeText },
    { path: join(".github", "workflows", "rulebridge.yml"), content: inputs.workflow },
    { path: "package.json", content: packageJsonText(name, inputs.version, inputs.peers) },
    { path: "README.md", content: readmeText(name) },
    { path: ".gitignore", content: gitignoreText },
  ];
}

/** Files that already exist under `dir`: init refuses to overwrite them unless forced. */
export function existingFiles(dir: string, files: readonly ProjectFile[]): string[] {
  return files.filter((f) => existsSync(join(dir, f.path))).map((f) => f.path);
}

/** Writes the files under `dir`, creating folders as needed. */
export async function writeProjectFiles(dir: string, files: readonly ProjectFile[]): Promise<void> {
  for (const file of files) {
    const target = join(dir, file.path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.content);
  }
}
