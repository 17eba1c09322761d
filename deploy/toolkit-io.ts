import { type IIoHost, type IoMessage, type IoRequest, PermissionChangeType } from "@aws-cdk/toolkit-lib";

/** Where the toolkit's output goes: results (diffs, what was deployed) and progress/diagnostics. */
export interface ToolkitOutput {
  /** Results, for stdout. */
  result(text: string): void;
  /** Progress lines, warnings and errors, for stderr. */
  progress(text: string): void;
}

/**
 * When `deploy` needs a human's yes. `broadening`: a change that widens IAM or security groups
 * (a first deploy always does) is refused unless approved; `never`: deploy whatever changes.
 */
export type RequireApproval = "never" | "broadening";

export interface ProgressHostOptions {
  output: ToolkitOutput;
  /** For deploy (default `broadening`). */
  requireApproval?: RequireApproval;
  /** For destroy: whether the deletion was confirmed (`--force`). */
  confirmDestroy?: boolean;
  /** Print the toolkit's debug messages too (never its SDK traces). */
  verbose?: boolean;
  /**
   * Where the toolkit's result messages go. `diff`'s results are the diff itself (stdout); for
   * deploy and destroy they only repeat the stack name, so they go with the progress and the
   * command prints its own summary.
   */
  results?: "result" | "progress";
}

/** The request codes this host answers itself; every other request gets the toolkit's default. */
const DEPLOY_APPROVAL = "CDK_TOOLKIT_I5060";
const DESTROY_CONFIRMATION = "CDK_TOOLKIT_I7010";

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escapes are control characters.
const ANSI = /\u001b\[[0-9;]*m/g;

/** Status emoji (❌, ✅…) the toolkit puts in thrown errors too, where `emojis: false` does not reach. */
const EMOJI = /\p{Extended_Pictographic}\uFE0F?\s*/gu;

/** Toolkit text without colours, emoji and the blank lines it pads messages with. */
export function plainText(text: string): string {
  return text
    .replace(ANSI, "")
    .replace(EMOJI, "")
    .replace(/^\s*\n/, "")
    .trimEnd();
}

/**
 * The toolkit's IoHost for the CLI: every message becomes a line on the CLI's stdout (results)
 * or stderr (progress, warnings, errors) as it arrives, so a long deployment shows its stack
 * events live. Questions are answered from flags, never by prompting: the CLI runs in CI as
 * often as in a terminal, and a prompt there would hang.
 */
export class ProgressIoHost implements IIoHost {
  /** Set when a deploy approval was refused: the permission change that needed it. */
  refusedApproval: PermissionChangeType | undefined;
  /** Error texts already printed, so the command does not print a thrown error twice. */
  readonly printedErrors = new Set<string>();

  constructor(private readonly options: ProgressHostOptions) {}

  async notify(msg: IoMessage<unknown>): Promise<void> {
    if (msg.level === "trace") return; // SDK traces: request details, never for a terminal.
    if (msg.level === "debug" && !this.options.verbose) return;
    const text = plainText(msg.message);
    if (text === "") return;
    switch (msg.level) {
      case "result":
        if (this.options.results === "progress") this.options.output.progress(`${text}\n`);
        else this.options.output.result(`${text}\n`);
        return;
      case "error":
        this.printedErrors.add(text);
        this.options.output.progress(`error: ${text}\n`);
        return;
      case "warn":
        this.options.output.progress(`warning: ${text}\n`);
        return;
      default:
        this.options.output.progress(`${text}\n`);
    }
  }

  async requestResponse<T>(msg: IoRequest<unknown, T>): Promise<T> {
    if (msg.code === DEPLOY_APPROVAL) return this.approveDeploy(msg) as T;
    if (msg.code === DESTROY_CONFIRMATION) return (this.options.confirmDestroy === true) as T;
    return msg.defaultResponse;
  }

  /** Shows the change (the security diff when permissions change) and decides from the policy. */
  private approveDeploy(msg: IoRequest<unknown, unknown>): boolean {
    const data = msg.data as { permissionChangeType?: PermissionChangeType };
    const change = data.permissionChangeType ?? PermissionChangeType.NONE;
    // The toolkit's question is the diff followed by "Do you wish to deploy these changes?".
    const diff = plainText(msg.message.replace(/\n*[^\n]*Do you wish to deploy these changes\?\s*$/, ""));
    if (diff !== "") this.options.output.progress(`${diff}\n`);
    const policy = this.options.requireApproval ?? "broadening";
    if (policy === "broadening" && change === PermissionChangeType.BROADENING) {
      this.refusedApproval = change;
      return false;
    }
    return true;
  }
}
