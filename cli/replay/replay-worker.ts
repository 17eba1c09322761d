import { parentPort, workerData } from "node:worker_threads";
import { loadRuleSet } from "../../engine/rule-set.js";
import type { InputRecord, RecordError } from "../inputs/read-inputs.js";
import { loadProject } from "../project/load-project.js";
import { ReplayPass } from "./replay-pass.js";
import type { FromWorker, ReplayWorkerInit } from "./replay-pool.js";

/**
 * One worker thread of `replay --workers N`: loads the project and the rule sets itself (compiled
 * rules cannot cross threads), then answers each batch of records with what it counted.
 */
const init = workerData as ReplayWorkerInit;
const port = parentPort;
if (!port) throw new Error("replay-worker runs as a worker thread");

const project = await loadProject({ cwd: init.cwd, settings: init.settings });
const head = await loadRuleSet(init.rules, project.registry, init.cwd);
const base = init.baseRules ? await loadRuleSet(init.baseRules, project.registry, init.cwd) : undefined;
const refs = (rules: typeof head.rules) =>
  rules.map((r) => ({ name: r.name, file: r.file, enabled: r.enabled }));
const problems = [...head.problems, ...(base?.problems ?? [])].filter((p) => p.severity === "error");
const ready: FromWorker = {
  type: "rules",
  problems,
  head: refs(head.rules),
  ...(base ? { base: refs(base.rules) } : {}),
};
port.postMessage(ready);

const pass = new ReplayPass(head.rules, base?.rules, {
  sample: init.sample,
  now: new Date(init.now),
  keepInvalid: init.keepInvalid,
});
port.on("message", (msg: { seq: number; records: (InputRecord | RecordError)[] }) => {
  pass.addBatch(msg.records);
  const answer: FromWorker = { type: "delta", seq: msg.seq, delta: pass.takeDelta() };
  port.postMessage(answer);
});
