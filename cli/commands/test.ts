import { resolve } from "node:path";
import { formatProblem, type Problem } from "../../engine/problem.js";
import { loadRuleSet } from "../../engine/rule-set.js";
import { defineCommand } from "../command.js";
import type { FixtureUpdate, LocatedCase } from "../fixtures/index.js";
import {
  collectFixtureFiles,
  loadFixtureFile,
  loadInlineCases,
  runFixtures,
  updateFixtures,
} from "../fixtures/index.js";
import { EXIT } from "../io.js";
import {
  appendGithubStepSummary,
  githubAnnotation,
  githubCommand,
  githubStepSummary,
  PROBLEM_FORMATS,
  problemRow,
  type SummaryRow,
} from "../problem-format.js";

export const testHelp = `Usage: rulebridge test [rules…] [--format text|json|github] [--update]

Runs rule fixtures: each <rule-file-stem>.test.yaml beside a rule file lists cases
{name, rule, event, expect: match|nomatch, actions?, instance?}, and a rule's own \`tests:\` lists
more (the same keys without \`rule\`); each case's event goes through the engine and the outcome
is compared with what the case expects. Paths are rule files, fixture files or folders
(default: the project's rules folder).

Options:
  --format text|json|github   text (default): one line per case, explanations indented;
                              github prints ::error file=…,line=…,col=…::… for failed cases
                              and, in GitHub Actions, lists them all in the step summary
  --update                    before running, write what each case that expects and gets a match
                              renders into its \`actions\` (comments and layout kept). Secret params
                              (a webhook's source, auth) are never written, nor, without
                              \`instance\`, deferred params such as tag-from-template's tags
  --settings FILE             project settings (default: the nearest rulebridge.yaml)
  -h, --help                  this help

Exit: 0 all cases passed, 1 a case failed or a rule/fixture file has errors, 2 usage error.
`;

export const command = defineCommand({
  name: "test",
  help: testHelp,
  options: {
    update: { type: "boolean" },
  },
  positionals: true,
  formats: PROBLEM_FORMATS,
  project: "require",
  async run({ values, positionals, io, format, project }) {
    const registry = project!.registry;
    const paths = positionals.length > 0 ? positionals.map((p) => resolve(io.cwd, p)) : [project!.rulesDir];
    // Fixtures name rules across files, so every rule beside them is loaded, not only the named file.
    const ruleFiles = paths.map((p) => (/\.test\.ya?ml$/.test(p) ? p.replace(/\.test(\.ya?ml)$/, "$1") : p));
    const set = await loadRuleSet(ruleFiles, registry, io.cwd);
    const fixtureFiles = await collectFixtureFiles(paths);
    const load = async (): Promise<{ cases: LocatedCase[]; problems: Problem[] }> => {
      const out = {
        cases: [] as LocatedCase[],
        problems: set.problems.filter((p) => p.severity === "error"),
      };
      out.cases.push(...(await loadInlineCases(set.rules, io.cwd)));
      for (const file of fixtureFiles) {
        const loaded = await loadFixtureFile(file, io.cwd);
        out.cases.push(...loaded.cases);
        out.problems.push(...loaded.problems);
      }
      return out;
    };
    let { cases, problems } = await load();
    let updates: FixtureUpdate[] | undefined;
    if (values.update) {
      updates = await updateFixtures(set.rules, cases, io.cwd, project!.root);
      // Written files moved cases to other lines: run what is on disk now.
      if (updates.some((u) => u.status === "updated")) ({ cases, problems } = await load());
      if (format !== "json") io.stdout(updateReport(updates));
    }
    const results = await runFixtures(set.rules, cases, io.cwd, project!.root);
    const passed = results.filter((r) => r.passed).length;
    const failed = results.length - passed;

    if (format === "json") {
      const report = { passed, failed, results, problems, ...(updates ? { updates } : {}) };
      io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    } else if (format === "github") {
      for (const p of problems) io.stdout(`${githubAnnotation(p)}\n`);
      for (const r of results) {
        if (r.passed) continue;
        io.stdout(`${githubCommand("error", r, `${r.name}: ${r.failure ?? "failed"}`)}\n`);
      }
      io.stdout(`${passed} passed, ${failed} failed\n`);
      const rows: SummaryRow[] = [
        ...problems.map(problemRow),
        ...results
          .filter((r) => !r.passed)
          .map((r) => ({
            level: "error" as const,
            file: r.file,
            line: r.line,
            col: r.col,
            message: `${r.name}: ${r.failure ?? "failed"}`,
          })),
      ];
      const summary = githubStepSummary("rulebridge test", rows, `${passed} passed, ${failed} failed`);
      const warning = await appendGithubStepSummary(io.env, summary);
      if (warning) io.stderr(warning);
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
  },
});

/** One line per case `--update` looked at: what was written, or why not. */
function updateReport(updates: readonly FixtureUpdate[]): string {
  const lines = updates.map((u) => {
    const at = `${u.file}:${u.line}:${u.col}`;
    const omitted = u.omitted ? ` (not written: ${u.omitted.join(", ")})` : "";
    if (u.status === "skipped") return `not updated ${at} ${u.name}: ${u.reason ?? ""}\n`;
    return `${u.status} ${at} ${u.name}${omitted}\n`;
  });
  const written = updates.filter((u) => u.status === "updated").length;
  return `${lines.join("")}${written} case(s) updated\n\n`;
}
