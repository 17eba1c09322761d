import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { relative, resolve } from "node:path";
import type { ActionRegistry } from "../../../actions/registry.js";
import { loadSettings } from "../../../deploy/settings.js";
import { loadRuleSet, sortProblems } from "../../rule-set.js";
import { oneOf, parse } from "../args.js";
import { type CliIo, EXIT, type ExitCode } from "../io.js";
import {
  appendGithubStepSummary,
  formatProblems,
  githubStepSummary,
  PROBLEM_FORMATS,
  problemRow,
} from "../problem-format.js";
import { rulePaths } from "../project-paths.js";

export const checkHelp = `Usage: rulebridge check [paths…] [--format text|json|github]

Validates rule files (schema and meaning) and reports every problem with file:line:col.
Paths are files or folders (default: rules). Fixture files (*.test.yaml) are not rules.
The project settings, rulebridge.yaml in the current folder, are checked too when present.

Options:
  --format text|json|github   text (default) shows a code frame with a caret;
                              github prints ::error file=…,line=…,col=…::… annotations and,
                              in GitHub Actions, lists every problem in the step summary
                              (GitHub annotates only the first 10 of each level)
  -h, --help                  this help

Exit: 0 no errors (warnings allowed), 1 errors found, 2 usage error.
`;

export async function checkCommand(
  argv: readonly string[],
  io: CliIo,
  registry: ActionRegistry,
): Promise<ExitCode> {
  const { values, positionals } = parse(argv, {
    format: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    io.stdout(checkHelp);
    return EXIT.ok;
  }
  const format = oneOf(values.format, PROBLEM_FORMATS, "--format", "text");
  const paths = rulePaths(positionals, io.cwd);
  const set = await loadRuleSet(paths, registry, io.cwd);
  // Project settings are checked like the rules when the project has them.
  const settingsFile = resolve(io.cwd, "rulebridge.yaml");
  if (existsSync(settingsFile)) {
    const { problems } = await loadSettings(settingsFile);
    set.problems = sortProblems([
      ...set.problems,
      ...problems.map((p) => ({ ...p, file: relative(io.cwd, p.file) || p.file })),
    ]);
  }
  const errors = set.problems.filter((p) => p.severity === "error").length;
  const warnings = set.problems.length - errors;

  const texts = new Map<string, string>();
  if (format === "text") {
    for (const file of new Set(set.problems.map((p) => p.file))) {
      const text = await readFile(resolve(io.cwd, file), "utf8").catch(() => undefined);
      if (text !== undefined) texts.set(file, text);
    }
  }
  if (format === "json") {
    io.stdout(
      `${JSON.stringify({ files: set.files.length, rules: set.rules.length, errors, warnings, problems: set.problems }, null, 2)}\n`,
    );
  } else {
    io.stdout(formatProblems(set.problems, format, texts));
    if (format === "github") {
      const title = `rulebridge check: ${set.rules.length} rule(s) in ${set.files.length} file(s)`;
      const warning = await appendGithubStepSummary(
        io.env,
        githubStepSummary(title, set.problems.map(problemRow)),
      );
      if (warning) io.stderr(warning);
    }
    if (format === "text") {
      const summary = `${set.rules.length} rule(s) in ${set.files.length} file(s): ${errors} error(s), ${warnings} warning(s)\n`;
      (errors > 0 ? io.stderr : io.stdout)(`${set.problems.length > 0 ? "\n" : ""}${summary}`);
    }
  }
  return errors > 0 ? EXIT.findings : EXIT.ok;
}
