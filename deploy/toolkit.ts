import { resolve } from "node:path";
import {
  BaseCredentials,
  BootstrapEnvironments,
  BootstrapStackParameters,
  DiffMethod,
  type ICloudAssemblySource,
  StackSelectionStrategy,
  Toolkit,
  ToolkitError,
} from "@aws-cdk/toolkit-lib";
import { SynthError, type SynthOptions, synthesize } from "./synth.js";
import { type ProgressHostOptions, ProgressIoHost, plainText, type RequireApproval } from "./toolkit-io.js";

export type { RequireApproval, ToolkitOutput } from "./toolkit-io.js";

export interface ToolkitRunOptions extends SynthOptions {
  output: ProgressHostOptions["output"];
  /** Named profile of the shared AWS config; absent: AWS_PROFILE or the default chain. */
  profile?: string;
  /** Region for env-agnostic stacks; absent: AWS_REGION or the profile's region. */
  region?: string;
  verbose?: boolean;
}

export interface DiffRunOptions extends ToolkitRunOptions {
  /** `change-set` (default): CloudFormation's own view, with replacements; `template`: compare templates only. */
  method?: "change-set" | "template";
}

export interface DeployRunOptions extends ToolkitRunOptions {
  requireApproval?: RequireApproval;
  /** `change-set` (default), or `direct`: CreateStack/UpdateStack without a change set. */
  method?: "change-set" | "direct";
  /** Bootstrap the target environment first (creates or updates the CDKToolkit stack). */
  bootstrap?: boolean;
  /**
   * With `bootstrap`: the managed policies of the role CloudFormation deploys with. Absent, the
   * CDK's default applies (AdministratorAccess on a first bootstrap; on a later one, what the
   * stack already has).
   */
  executionPolicies?: readonly string[];
}

export interface DestroyRunOptions extends ToolkitRunOptions {
  /** The deletion is confirmed; without it nothing is deleted. */
  force: boolean;
}

export interface StackDiffSummary {
  stackName: string;
  /** Resources, outputs, parameters… that differ from the deployed stack (everything, if none is). */
  differences: number;
}

export interface DeployOutcome {
  stackName: string;
  stackArn: string;
}

export interface DestroyOutcome {
  stackName: string;
  /** False: there was no such stack, nothing was deleted. */
  existed: boolean;
}

export type ToolkitFailureKind = "credentials" | "bootstrap" | "not-approved" | "not-confirmed" | "failed";

/** A toolkit operation that did not happen or failed, with a message for people (no stack trace). */
export class ToolkitFailure extends Error {
  override readonly name = "ToolkitFailure";

  constructor(
    readonly kind: ToolkitFailureKind,
    message: string,
    /** The same text was already printed as the toolkit reported it. */
    readonly alreadyPrinted = false,
  ) {
    super(message);
  }
}

const ALL_STACKS = { strategy: StackSelectionStrategy.ALL_STACKS } as const;

/**
 * Synthesizes exactly as `rulebridge synth` does (same rules, settings and assembly folder), so
 * what is diffed or deployed is the template synth shows, then opens a toolkit on it. The AWS
 * side uses the AWS CLI's credential chain: environment, `--profile`/AWS_PROFILE, SSO, roles;
 * AWS_ENDPOINT_URL(_<SERVICE>) redirect its SDK clients like any SDK's.
 */
async function openToolkit(
  options: ToolkitRunOptions,
  host: ProgressIoHost,
): Promise<{ toolkit: Toolkit; source: ICloudAssemblySource }> {
  const outDir = resolve(options.outDir ?? "cdk.out");
  const { warnings } = await synthesize({ ...options, outDir });
  for (const w of warnings) options.output.progress(`warning: ${w.file}:${w.line}:${w.col} ${w.message}\n`);
  const toolkit = new Toolkit({
    ioHost: host,
    color: false,
    emojis: false,
    sdkConfig: {
      baseCredentials: BaseCredentials.awsCliCompatible({
        ...(options.profile !== undefined ? { profile: options.profile } : {}),
        ...(options.region !== undefined ? { defaultRegion: options.region } : {}),
      }),
    },
  });
  return { toolkit, source: await toolkit.fromAssemblyDirectory(outDir) };
}

function hostFor(options: ToolkitRunOptions, extra: Partial<ProgressHostOptions> = {}): ProgressIoHost {
  return new ProgressIoHost({
    output: options.output,
    ...(options.verbose !== undefined ? { verbose: options.verbose } : {}),
    ...extra,
  });
}

/** Every failure of a toolkit run as a `ToolkitFailure` (a message for people), except invalid rules. */
function asFailure(err: unknown, host: ProgressIoHost): ToolkitFailure | SynthError {
  if (err instanceof ToolkitFailure) return err;
  const text = plainText(err instanceof Error ? err.message : String(err));
  const printed = host.printedErrors.has(text);
  if (ToolkitError.isAuthenticationError(err)) {
    return new ToolkitFailure(
      "credentials",
      `${text}\nConfigure AWS credentials: environment variables, --profile (or AWS_PROFILE), SSO or a role.`,
    );
  }
  // Older code paths report a missing bootstrap as a plain ToolkitError naming the SSM parameter.
  if (
    ToolkitError.isBootstrapError(err) ||
    /\/cdk-bootstrap\/|has the environment been bootstrapped/i.test(text)
  ) {
    const where = ToolkitError.isBootstrapError(err)
      ? `aws://${err.environment.account}/${err.environment.region}`
      : "the target environment";
    return new ToolkitFailure(
      "bootstrap",
      `${where} is not bootstrapped for CDK deployments:\n  ${text.replace(/\n/g, "\n  ")}\n` +
        "Run `rulebridge deploy --bootstrap` once to create the CDKToolkit stack there.",
    );
  }
  if (ToolkitError.isAbortError(err)) {
    if (host.refusedApproval !== undefined) {
      return new ToolkitFailure(
        "not-approved",
        "the deployment broadens IAM permissions (shown above) and was not approved; nothing was deployed.\n" +
          "Review the change, then re-run with --yes (or --require-approval never).",
      );
    }
    return new ToolkitFailure("not-confirmed", text);
  }
  if (ToolkitError.isToolkitError(err)) {
    // "Need to perform AWS calls … but no credentials have been configured" is a plain ToolkitError.
    return new ToolkitFailure(/credential/i.test(text) ? "credentials" : "failed", text, printed);
  }
  if (err instanceof SynthError) return err; // invalid rules or settings: the caller lists the problems
  const name = err instanceof Error ? err.name : "Error";
  if (/Credential|ExpiredToken|InvalidClientTokenId|SignatureDoesNotMatch/.test(name)) {
    return new ToolkitFailure("credentials", `${name}: ${text}`);
  }
  // AWS service or network errors the toolkit did not wrap: their name and message are what
  // people need; a stack trace would only bury them.
  return new ToolkitFailure("failed", `${name}: ${text}`);
}

async function run<T>(host: ProgressIoHost, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (err) {
    throw asFailure(err, host);
  }
}

/** `rulebridge diff`: the template and security diff of the rules' stack against the deployed one. */
export async function diffStacks(options: DiffRunOptions): Promise<StackDiffSummary[]> {
  const host = hostFor(options);
  return run(host, async () => {
    const { toolkit, source } = await openToolkit(options, host);
    const method =
      options.method === "template"
        ? DiffMethod.TemplateOnly()
        : DiffMethod.ChangeSet({ fallbackToTemplate: true });
    const diffs = await toolkit.diff(source, { stacks: ALL_STACKS, method });
    return Object.entries(diffs)
      .map(([stackName, diff]) => ({ stackName, differences: diff.differenceCount }))
      .sort((a, b) => (a.stackName < b.stackName ? -1 : 1));
  });
}

/** `rulebridge deploy`: publishes the engine bundle and deploys the stack, streaming its events. */
export async function deployStacks(options: DeployRunOptions): Promise<DeployOutcome[]> {
  const host = hostFor(options, {
    requireApproval: options.requireApproval ?? "broadening",
    results: "progress",
  });
  return run(host, async () => {
    const { toolkit, source } = await openToolkit(options, host);
    if (options.bootstrap) {
      const policies = options.executionPolicies ?? [];
      await toolkit.bootstrap(
        BootstrapEnvironments.fromCloudAssemblySource(source),
        policies.length > 0
          ? {
              parameters: BootstrapStackParameters.withExisting({
                cloudFormationExecutionPolicies: [...policies],
              }),
            }
          : {},
      );
    }
    const result = await toolkit.deploy(source, {
      stacks: ALL_STACKS,
      deploymentMethod: options.method === "direct" ? { method: "direct" } : { method: "change-set" },
    });
    return result.stacks.map((s) => ({ stackName: s.stackName, stackArn: s.stackArn }));
  });
}

/** `rulebridge destroy`: deletes the rules' stack (its rules, alarms, engine, DLQ, table and logs). */
export async function destroyStacks(options: DestroyRunOptions): Promise<DestroyOutcome[]> {
  if (!options.force) {
    throw new ToolkitFailure(
      "not-confirmed",
      "destroy deletes the stack and everything in it: confirm with --force",
    );
  }
  const host = hostFor(options, { confirmDestroy: true, results: "progress" });
  return run(host, async () => {
    const { toolkit, source } = await openToolkit(options, host);
    const result = await toolkit.destroy(source, { stacks: ALL_STACKS });
    return result.stacks.map((s) => ({ stackName: s.stackName, existed: s.stackExisted }));
  });
}
