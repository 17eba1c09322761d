import { resolve } from "node:path";
import type { ActionRegistry } from "../../../actions/registry.js";
import type { LocatedCase } from "../../fixtures/index.js";
import { collectFixtureFiles, loadFixtureFile, runFixtures } from "../../fixtures/index.js";
import { formatProblem, type Problem } from "../../problem.js";
import { loadRuleSet } from "../../rule-set.js";
import { oneOf, parse } from "../args.js";
import { type CliIo, EXIT, type ExitCode } from "../io.js";
import { githubAnnotation, githubCommand, PROBLEM_FORMATS } from "../problem-format.js";

export const testHelp = `Usage: rulebridge test [rules…] [--format text|json|github]

Runs rule fixtures: each <rule-file-stem>.test.yaml beside a rule file lists cases
{name, rule, event, expect: match|nomatch, actions?, instance?}; each case's event goes through
the engine and the outcome is compared with what the case expects. Paths are rule files,
fixture files or folders (default: rules).

Options:
  --format text|json|github   text (default): one line per case, explanations indented;
                              github prints ::error file=…,line=…,col=…::… for failed cases
  -h, --help                  this help

Exit: 0 all cases passed, 1 a case failed or a rule/fixture file has errors, 2 usage error.
`;

export async function testCommand(
  argv: readonly string[],
  io: CliIo,
  registry: ActionRegistry,
): Promise<ExitCode> {
  const { values, positionals } = parse(argv, {
    format: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    io.stdout(testHelp);
    return EXIT.ok;
  }
  const format = oneOf(values.format, PROBLEM_FORMATS, "--format", "text");
  const paths = (positionals.length > 0 ? positionals : ["rules"]).map((p) => resolve(io.cwd, p));
  // Fixtures name rules across files, so every rule beside them is loaded, not only the named file.
  const rulePaths = paths.map((p) => (/\.test\.ya?ml$/.test(p) ? p.replace(/\.test(\.ya?ml)$/, "$1") : p));
  const set = await loadRuleSet(rulePaths, registry, io.cwd);
  const problems: Problem[] = set.problems.filter((p) => p.severity === "error");
  const cases: LocatedCase[] = [];
  for (const file of await collectFixtureFiles(paths)) {
    const loaded = await loadFixtureFile(file, io.cwd);
    cases.push(...loaded.cases);
    problems.push(...loaded.problems);
  }
  const results = await runFixtures(set.rules, cases, io.cwd);
  const passed = results.filter((r) => r.passed).length;
  const failed = results.length - passed;

  if (format === "json") {
    io.stdout(`${JSON.stringify({ passed, failed, results, problems }, null, 2)}\n`);
  } else if (format === "github") {
    for (const p of problems) io.stdout(`${githubAnnotation(p)}\n`);
    for (const r of results) {
      if (r.passed) continue;
      io.stdout(`${githubCommand("error", r, `${r.name}: ${r.failure ?? "failed"}`)}\n`);
    }
    io.stdout(`${passed} passed, ${failed} failed\n`);
  } else {
    for (const p of problems) io.stderr(`${formatProblem(p)}\n`);
    for (const r of results) {
      io.stdout(
        r.passed
          ? `✓ ${r.name}\n`
          : `✗ ${r.name}\n    ${r.failure ?? ""}\n      at ${r.file}:${r.line}:${r.col}\n`,
      );
    }
    if (cases.length === 0 && problems.length === 0) io.stderr("no fixture cases found (*.test.yaml)\n");
    io.stdout(`\n${passed} passed, ${failed} failed\n`);
  }
  return failed > 0 || problems.length > 0 ? EXIT.findings : EXIT.ok;
}
