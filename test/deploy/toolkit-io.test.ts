import type { IoMessage, IoRequest } from "@aws-cdk/toolkit-lib";
import { PermissionChangeType } from "@aws-cdk/toolkit-lib";
import { describe, expect, it } from "vitest";
import { type ProgressHostOptions, ProgressIoHost, plainText } from "../../deploy/toolkit-io.js";

function host(options: Omit<ProgressHostOptions, "output"> = {}) {
  const seen = { out: "", err: "" };
  const h = new ProgressIoHost({
    ...options,
    output: {
      result: (t) => {
        seen.out += t;
      },
      progress: (t) => {
        seen.err += t;
      },
    },
  });
  return { h, seen };
}

function message(level: IoMessage<unknown>["level"], text: string): IoMessage<unknown> {
  return { time: new Date(0), level, action: "deploy", message: text, data: undefined };
}

function approval(change: PermissionChangeType): IoRequest<unknown, boolean> {
  return {
    ...message(
      "info",
      "Stack rulebridge\nIAM Statement Changes\n\nStack includes updates. Do you wish to deploy these changes?",
    ),
    code: "CDK_TOOLKIT_I5060",
    data: { permissionChangeType: change },
    defaultResponse: true,
  };
}

describe("ProgressIoHost", () => {
  it("sends results to stdout and progress, warnings and errors to stderr, without colours", async () => {
    const { h, seen } = host();
    await h.notify(message("result", "\u001b[1mThere were no differences\u001b[22m"));
    await h.notify(message("info", "rulebridge | CREATE_COMPLETE | AWS::Lambda::Function"));
    await h.notify(message("warn", "careful"));
    await h.notify(message("error", "❌  rulebridge failed: boom"));
    expect(seen.out).toBe("There were no differences\n");
    expect(seen.err).toBe(
      "rulebridge | CREATE_COMPLETE | AWS::Lambda::Function\nwarning: careful\nerror: rulebridge failed: boom\n",
    );
    expect(h.printedErrors.has("rulebridge failed: boom")).toBe(true);
  });

  it("drops SDK traces always and debug messages unless verbose", async () => {
    const quiet = host();
    await quiet.h.notify(message("trace", "GET /?Action=AssumeRole"));
    await quiet.h.notify(message("debug", "Assuming role"));
    expect(quiet.seen.err).toBe("");
    const verbose = host({ verbose: true });
    await verbose.h.notify(message("trace", "GET /?Action=AssumeRole"));
    await verbose.h.notify(message("debug", "Assuming role"));
    expect(verbose.seen.err).toBe("Assuming role\n");
  });

  it("can send results to stderr, for commands that print their own summary", async () => {
    const { h, seen } = host({ results: "progress" });
    await h.notify(message("result", "rulebridge"));
    expect(seen).toEqual({ out: "", err: "rulebridge\n" });
  });

  it("refuses an IAM-broadening deploy by default and shows the change without the question", async () => {
    const { h, seen } = host();
    expect(await h.requestResponse(approval(PermissionChangeType.BROADENING))).toBe(false);
    expect(h.refusedApproval).toBe(PermissionChangeType.BROADENING);
    expect(seen.err).toBe("Stack rulebridge\nIAM Statement Changes\n");
  });

  it("approves changes that do not broaden permissions, and anything with requireApproval never", async () => {
    for (const change of [PermissionChangeType.NONE, PermissionChangeType.NON_BROADENING]) {
      expect(await host().h.requestResponse(approval(change))).toBe(true);
    }
    const never = host({ requireApproval: "never" });
    expect(await never.h.requestResponse(approval(PermissionChangeType.BROADENING))).toBe(true);
    expect(never.h.refusedApproval).toBeUndefined();
  });

  it("confirms a destroy only when told to, and answers other questions with the toolkit's default", async () => {
    const destroy = {
      ...message("info", "Are you sure?"),
      code: "CDK_TOOLKIT_I7010" as const,
      data: {},
      defaultResponse: true,
    };
    expect(await host().h.requestResponse(destroy)).toBe(false);
    expect(await host({ confirmDestroy: true }).h.requestResponse(destroy)).toBe(true);
    const other = {
      ...message("info", "Roll back?"),
      code: "CDK_TOOLKIT_I5050" as const,
      data: {},
      defaultResponse: true,
    };
    expect(await host().h.requestResponse(other)).toBe(true);
  });

  it("plainText strips ANSI colours, status emoji and padding lines", () => {
    expect(plainText("\n\u001b[32m✅  rulebridge\u001b[39m  \n")).toBe("rulebridge");
  });
});
