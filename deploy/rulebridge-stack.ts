import { Stack, type StackProps, Tags } from "aws-cdk-lib";
import type { Construct } from "constructs";
import type { ActionRegistry } from "../engine/action/registry.js";
import type { CompiledRule } from "../engine/compile/rule-compiler.js";
import { RuleBridge } from "./rulebridge.js";
import type { Settings } from "./settings.js";

export interface RuleBridgeStackProps extends Omit<StackProps, "env" | "stackName"> {
  rules: readonly CompiledRule[];
  bundleDir: string;
  /** The registry the rules were compiled with (default: the built-ins). */
  registry?: ActionRegistry;
  /** Absolute paths of the project's action modules, bundled beside the built-ins. */
  actionModules?: readonly string[];
  settings: Settings;
}

/** The stack `rulebridge synth` generates: a `RuleBridge` with the settings of `rulebridge.yaml`. */
export class RuleBridgeStack extends Stack {
  readonly ruleBridge: RuleBridge;

  constructor(scope: Construct, id: string, props: RuleBridgeStackProps) {
    const { rules, bundleDir, registry, actionModules, settings, ...stackProps } = props;
    super(scope, id, {
      description:
        "rulebridge: EventBridge rules and alarms from YAML rule files, and the engine that runs them",
      ...stackProps,
      stackName: settings.stackName,
      ...(settings.env ? { env: settings.env } : {}),
    });
    this.ruleBridge = new RuleBridge(this, "RuleBridge", {
      rules,
      bundleDir,
      ...(registry ? { registry } : {}),
      ...(actionModules ? { actionModules } : {}),
      settings: {
        bus: settings.bus,
        memory: settings.memory,
        timeout: settings.timeout,
        logRetentionDays: settings.logRetentionDays,
        ...(settings.functionName !== undefined ? { functionName: settings.functionName } : {}),
        ...(settings.alarmTopicArn !== undefined ? { alarmTopicArn: settings.alarmTopicArn } : {}),
      },
    });
    for (const key of Object.keys(settings.tags).sort()) Tags.of(this).add(key, settings.tags[key]!);
  }
}
