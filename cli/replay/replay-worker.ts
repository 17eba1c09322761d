import { parentPort, workerData } from "node:worker_threads";
import { compileArtifactRules } from "../../engine/compile/rule-artifact.js";
import type { InputRecord, LineBatch, RecordError } from "../inputs/read-inputs.js";
import { loadProject } from "../project/load-project.js";
import { ReplayPass } from "./replay-pass.js";
import type { FromWorker, ReplayWorkerInit } from "./replay-pool.js";

/**
 * One worker thread of a replay. Compiled rules cannot cross threads: the command's thread loaded
 * the rule sets and sends them as artifact rules (plain data), which this thread compiles as a cold
 * start compiles the rule artifact, instead of parsing and validating the YAML again. Then each
 * batch of records is answered with its counts.
 */
const init = workerData as ReplayWorkerInit;
const port = parentPort;
if (!port) throw new Error("replay-worker runs as a worker thread");

const project = await loadProject({ cwd: init.cwd, settings: init.settings });
const head = compileArtifactRules(init.rules.head, project.registry);
const base = init.rules.base ? compileArtifactRules(init.rules.base, project.registry) : undefined;

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
const ready: FromWorker = { type: "ready" };
port.postMessage(ready);
