import type { ParamIssue } from "../../engine/action/types.js";
import { checkArn } from "../../engine/arn.js";
import { isTemplateString, literalParts, literalPrefix } from "../template-string.js";
import {
  attributeNameProblem,
  fifoIdProblem,
  isFifoTopic,
  SUBJECT_MAX,
  subjectLengthProblem,
  subjectProblem,
  subjectStartProblem,
  subjectTextProblem,
  topicNameProblem,
} from "./limits.js";

/**
 * Static checks. Literal values get SNS's full rules; templated ones get what their literal text
 * already decides (a line break or 101 literal characters fail whatever the template renders).
 */
export function checkSnsPublish(params: Record<string, unknown>): ParamIssue[] {
  const issues: ParamIssue[] = [];
  const add = (path: (string | number)[], message: string, code: ParamIssue["code"] = "INVALID_PARAM") =>
    issues.push({ code, path, message });
  const { topicArn, subject, attributes, messageGroupId, messageDeduplicationId } = params;
  const literalTopic = typeof topicArn === "string" && !isTemplateString(topicArn) ? topicArn : undefined;

  if (literalTopic !== undefined) {
    const reason =
      checkArn(literalTopic, { service: "sns" }) ??
      topicNameProblem(literalTopic.split(":").slice(5).join(":"));
    if (reason) add(["topicArn"], `SNS topic ARN: ${reason}`, "INVALID_ARN");
  }

  if (typeof subject === "string") {
    const problem = isTemplateString(subject) ? templatedSubjectProblem(subject) : subjectProblem(subject);
    if (problem) add(["subject"], `subject ${problem}`);
  }

  if (attributes !== null && typeof attributes === "object" && !Array.isArray(attributes)) {
    for (const name of Object.keys(attributes)) {
      const problem = attributeNameProblem(name);
      if (problem) add(["attributes", name], problem);
    }
  }

  for (const [key, value] of [
    ["messageGroupId", messageGroupId],
    ["messageDeduplicationId", messageDeduplicationId],
  ] as const) {
    if (typeof value === "string" && !isTemplateString(value)) {
      const problem = fifoIdProblem(value);
      if (problem) add([key], `${key} ${problem}`);
    }
  }

  if (literalTopic !== undefined) {
    if (isFifoTopic(literalTopic) && messageGroupId === undefined) {
      add([], "the topic is a FIFO topic (.fifo), so messageGroupId is required");
    }
    if (!isFifoTopic(literalTopic) && messageDeduplicationId !== undefined) {
      add(
        ["messageDeduplicationId"],
        "messageDeduplicationId applies only to FIFO topics (.fifo); SNS refuses it here",
      );
    }
  }
  return issues;
}

function templatedSubjectProblem(subject: string): string | null {
  for (const part of literalParts(subject)) {
    const problem = subjectTextProblem(part);
    if (problem) return problem;
  }
  const start = subjectStartProblem(literalPrefix(subject));
  if (start) return start;
  const literalLength = literalParts(subject).reduce((n, part) => n + [...part].length, 0);
  const length = subjectLengthProblem(literalLength);
  return length
    ? `has ${literalLength} characters of fixed text alone; SNS allows at most ${SUBJECT_MAX}`
    : null;
}
