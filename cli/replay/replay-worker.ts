import { parentPort, workerData } from "node:worker_threads";
import { compileArtifactRules } from "../../engine/compile/rule-artifact.js";
import { loadProject } from "../project/load-project.js";
import { ReplayPass } from "./replay-pass.js";
import type { FromWorker, ReplayWorkerEnv, ToWorkerBatch, ToWorkerInit } from "./replay-pool.js";

/**
 * One worker thread of a replay. It loads the project's actions as soon as it starts (often while
 * the command's thread is still loading the rules), then waits for the rules. Compiled rules
 * cannot cross threads: the command's thread sends them as artifact rules (plain data), which this
 * thread compiles as a cold start compiles the rule artifact, instead of parsing and validating
 * the YAML again. Then each batch of records is answered with its counts. Messages sent before
 * the project is loaded wait in the port until the listener below is attached.
 */
const env = workerData as ReplayWorkerEnv;
const port = parentPort;
if (!port) throw new Error("replay-worker runs as a worker thread");

const project = await loadProject({ cwd: env.cwd, settings: env.settings });
let pass: ReplayPass | undefined;

port.on("message", (msg: ToWorkerInit | ToWorkerBatch) => {
  if ("type" in msg) {
    const { init } = msg;
    const head = compileArtifactRules(init.rules.head, project.registry);
    const base = init.rules.base ? compileArtifactRules(init.rules.base, project.registry) : undefined;
    pass = new ReplayPass(head, base, {
      sample: init.sample,
      now: new Date(init.now),
      keepInvalid: init.keepInvalid,
    });
    const ready: FromWorker = { type: "ready" };
    port.postMessage(ready);
    return;
  }
  if (pass === undefined) throw new Error("a replay worker thread got records before its rules");
  pass.addBatch(msg.records);
  const answer: FromWorker = { type: "delta", seq: msg.seq, delta: pass.takeDelta() };
  port.postMessage(answer);
});
