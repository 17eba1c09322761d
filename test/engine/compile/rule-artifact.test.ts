import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { registerBuiltins } from "../../../actions/builtins.js";
import {
  collectFixtureFiles,
  evaluateFixtures,
  type LocatedCase,
  loadFixtureFile,
} from "../../../cli/fixtures/index.js";
import { ActionRegistry } from "../../../engine/action/registry.js";
import type { ActionDefinition } from "../../../engine/action/types.js";
import { RuleArtifactError, readRuleArtifact } from "../../../engine/compile/rule-artifact.js";
import { ruleSchemaHash, writeRuleArtifact } from "../../../engine/compile/rule-artifact-writer.js";
import type { CompiledRule } from "../../../engine/compile/rule-compiler.js";
import { Engine } from "../../../engine/engine.js";
import { unwrapInput } from "../../../engine/envelope.js";
import { loadRuleSet } from "../../../engine/rule-set.js";

const RULES_DIR = resolve("rules");
const EVENT_DIRS = [resolve("examples/events"), "/work/shared/events"];
const VERSION = "9.9.9-test";
const NOW = new Date("2026-01-02T03:04:05.000Z");

const builtins = (): ActionRegistry => registerBuiltins(new ActionRegistry());

/** Reads as an engine of VERSION with `registry`'s actions would. */
const readAs = (text: string, registry: ActionRegistry): CompiledRule[] =>
  readRuleArtifact(text, registry, { rulebridgeVersion: VERSION, schemaHash: ruleSchemaHash(registry) });

async function yamlRules(registry: ActionRegistry): Promise<CompiledRule[]> {
  const set = await loadRuleSet([RULES_DIR], registry, RULES_DIR);
  expect(set.problems.filter((p) => p.severity === "error")).toEqual([]);
  return set.rules;
}

/** Every event of the sample folders, envelopes unwrapped as the handler does. */
function sampleEvents(): { name: string; event: Record<string, unknown> }[] {
  const out: { name: string; event: Record<string, unknown> }[] = [];
  for (const dir of EVENT_DIRS) {
    let files: string[];
    try {
      files = readdirSync(dir).filter((f) => f.endsWith(".json"));
    } catch {
      continue; // /work/shared/events exists only on the shared machine
    }
    for (const file of files.sort()) {
      const { items } = unwrapInput(JSON.parse(readFileSync(join(dir, file), "utf8")), file);
      items.forEach((item, i) => {
        out.push({ name: `${file}#${i}`, event: item.event });
      });
    }
  }
  return out;
}

describe("rule artifact: same decisions as the YAML rules", () => {
  it("evaluates every sample event to the same decisions and rendered plans", async () => {
    const registry = builtins();
    const fromYaml = await yamlRules(registry);
    const fromArtifact = readAs(writeRuleArtifact(fromYaml, registry, VERSION), builtins());
    const a = new Engine(fromYaml);
    const b = new Engine(fromArtifact);
    const events = sampleEvents();
    expect(events.length).toBeGreaterThan(40);
    let matched = 0;
    for (const { name, event } of events) {
      const left = a.evaluate(event, { now: NOW });
      matched += left.decisions.length;
      expect({ name, ...b.evaluate(event, { now: NOW }) }).toEqual({ name, ...left });
      for (const rule of fromYaml) {
        // The deploy path names the rule: same plan whether or not the pattern matched.
        expect(b.evaluate(event, { now: NOW, rule: rule.name })).toEqual(
          a.evaluate(event, { now: NOW, rule: rule.name }),
        );
      }
    }
    expect(matched).toBeGreaterThan(0);
  });

  it("gives every fixture case the same verdict and rendered actions", async () => {
    const registry = builtins();
    const fromYaml = await yamlRules(registry);
    const fromArtifact = readAs(writeRuleArtifact(fromYaml, registry, VERSION), builtins());
    const cases: LocatedCase[] = [];
    for (const file of await collectFixtureFiles([RULES_DIR])) {
      const loaded = await loadFixtureFile(file, RULES_DIR);
      expect(loaded.problems).toEqual([]);
      cases.push(...loaded.cases);
    }
    expect(cases.length).toBeGreaterThan(4);
    const summary = async (rules: CompiledRule[]) =>
      (await evaluateFixtures(rules, cases, RULES_DIR, process.cwd())).map((c) => ({
        case: c.located.case.name,
        failure: c.failure,
        rendered: c.rendered?.map((r) => ({ type: r.action.type, index: r.action.index, params: r.params })),
      }));
    const left = await summary(fromYaml);
    expect(left.filter((c) => c.failure !== undefined)).toEqual([]);
    expect(await summary(fromArtifact)).toEqual(left);
  });

  it("is deterministic: the same rules give the same bytes", async () => {
    const registry = builtins();
    const rules = await yamlRules(registry);
    expect(writeRuleArtifact(rules, registry, VERSION)).toBe(
      writeRuleArtifact(await yamlRules(builtins()), builtins(), VERSION),
    );
  });
});

describe("rule artifact: refuses what does not fit this engine", () => {
  const extra: ActionDefinition = {
    type: "extra-action",
    description: "a project's action",
    paramsSchema: { type: "object", additionalProperties: false, properties: { x: { type: "string" } } },
    iam: () => [],
    plan: () => ({ type: "extra-action", summary: "nothing", steps: [] }),
  };

  const cases: {
    why: string;
    edit: (text: string) => string;
    registry?: () => ActionRegistry;
    message: RegExp;
  }[] = [
    { why: "not JSON", edit: (t) => t.slice(0, 20), message: /is not JSON/ },
    {
      why: "another format version",
      edit: (t) => t.replace('"formatVersion":2', '"formatVersion":1'),
      message: /not a rule artifact of format rulebridge-rules v2/,
    },
    {
      why: "another rulebridge version",
      edit: (t) => t.replace(`"rulebridgeVersion":"${VERSION}"`, '"rulebridgeVersion":"0.0.1"'),
      message: /written by rulebridge 0\.0\.1, this engine is 9\.9\.9-test/,
    },
    {
      why: "another rule schema (other actions registered)",
      edit: (t) => t,
      registry: () => builtins().register(extra),
      message: /another rule schema/,
    },
    {
      why: "an edited rule",
      edit: (t) => t.replace("Essential container in task exited", "Essential container in task exit"),
      message: /does not match its content hash/,
    },
  ];

  it.each(cases)("refuses $why", async ({ edit, registry, message }) => {
    const written = writeRuleArtifact(await yamlRules(builtins()), builtins(), VERSION);
    const edited = edit(written);
    expect(() => readAs(edited, (registry ?? builtins)())).toThrow(RuleArtifactError);
    expect(() => readAs(edited, (registry ?? builtins)())).toThrow(message);
  });
});
