import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { sortProblems } from "../../engine/rule-set.js";
import { defineCommand } from "../command.js";
import { EXIT } from "../io.js";
import {
  appendGithubStepSummary,
  formatProblems,
  githubStepSummary,
  PROBLEM_FORMATS,
  problemRow,
} from "../problem-format.js";
import { loadProjectRules } from "../project/load-project.js";

export const checkHelp = `Usage: rulebridge check [paths…] [--format text|json|github]

Validates rule files (schema and meaning) and reports every problem with file:line:col.
Paths are files or folders (default: rules). Fixture files (*.test.yaml) are not rules.
The project's settings (rulebridge.yaml in the current folder or its nearest parent) and its
own action modules (\`actions:\`) are checked too.

Options:
  --format text|json|github   text (default) shows a code frame with a caret;
                              github prints ::error file=…,line=…,col=…::… annotations and,
                              in GitHub Actions, lists every problem in the step summary
                              (GitHub annotates only the first 10 of each level)
  --settings FILE             project settings (default: the nearest rulebridge.yaml)
  -h, --help                  this help

Exit: 0 no errors (warnings allowed), 1 errors found, 2 usage error.
`;

export const command = defineCommand({
  name: "check",
  help: checkHelp,
  options: {},
  positionals: true,
  formats: PROBLEM_FORMATS,
  project: "report",
  async run({ positionals, format, io, project }) {
    const p = project!;
    const set = await loadProjectRules(p, positionals, io.cwd);
    // The project's settings and action modules are checked like the rules.
    set.problems = sortProblems([...set.problems, ...p.problems]);
    const errors = set.problems.filter((x) => x.severity === "error").length;
    const warnings = set.problems.length - errors;

    const texts = new Map<string, string>();
    if (format === "text") {
      for (const file of new Set(set.problems.map((x) => x.file))) {
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
  },
});
