import { parentPort, workerData } from "node:worker_threads";
import { compileArtifactRules } from "../../engine/compile/rule-artifact.js";
import { artifactRules } from "../../engine/compile/rule-artifact-writer.js";
import type { CompiledRule } from "../../engine/compile/rule-compiler.js";
import { loadRuleSet } from "../../engine/rule-set.js";
import type { InputRecord, LineBatch, RecordError } from "../inputs/read-inputs.js";
import { loadProject } from "../project/load-project.js";
import { ReplayPass } from "./replay-pass.js";
import type { FromWorker, ReplayWorkerInit, SharedRules } from "./replay-pool.js";

/**
 * One worker thread of `replay --workers N`. Compiled rules cannot cross threads: the first thread
 * loads the rule sets from their files and answers with them as artifact rules (plain data); the
 * others compile those, as a cold start compiles the rule artifact, instead of parsing and
 * validating the same YAML again each. Then each batch of records is answered with its counts.
 */
const init = workerData as ReplayWorkerInit;
const port = parentPort;
if (!port) throw new Error("replay-worker runs as a worker thread");

const project = await loadProject({ cwd: init.cwd, settings: init.settings });
const refs = (rules: readonly CompiledRule[]) =>
  rules.map((r) => ({ name: r.name, file: r.file, enabled: r.enabled }));

let head: CompiledRule[];
let base: CompiledRule[] | undefined;
if (init.loads) {
  const headSet = await loadRuleSet(init.rules, project.registry, init.cwd);
  const baseSet = init.baseRules ? await loadRuleSet(init.baseRules, project.registry, init.cwd) : undefined;
  const problems = [...headSet.problems, ...(baseSet?.problems ?? [])].filter((p) => p.severity === "error");
  head = headSet.rules;
  base = baseSet?.rules;
  const shared: SharedRules | undefined =
    problems.length > 0 || !init.shares
      ? undefined
      : { head: artifactRules(head), ...(base ? { base: artifactRules(base) } : {}) };
  const ready: FromWorker = {
    type: "rules",
    problems,
    head: refs(head),
    ...(base ? { base: refs(base) } : {}),
    ...(shared ? { shared } : {}),
  };
  port.postMessage(ready);
} else {
  const shared = await new Promise<SharedRules>((resolve) =>
    port.once("message", (msg: { rules: SharedRules }) => resolve(msg.rules)),
  );
  head = compileArtifactRules(shared.head, project.registry);
  base = shared.base ? compileArtifactRules(shared.base, project.registry) : undefined;
  const ready: FromWorker = {
    type: "rules",
    problems: [],
    head: refs(head),
    ...(base ? { base: refs(base) } : {}),
  };
  port.postMessage(ready);
}

const pass = new ReplayPass(head, base, {
  sample: init.sample,
  now: new Date(init.now),
  keepInvalid: init.keepInvalid,
});
port.on("message", (msg: { seq: number; records: (InputRecord | RecordError)[] | LineBatch }) => {
  pass.addBatch(msg.records);
  const answer: FromWorker = { type: "delta", seq: msg.seq, delta: pass.takeDelta() };
  port.postMessage(answer);
});
