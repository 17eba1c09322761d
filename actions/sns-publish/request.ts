import { checkArn } from "../../engine/arn.js";
import {
  attributeNameProblem,
  fifoIdProblem,
  isFifoTopic,
  MESSAGE_MAX_BYTES,
  subjectProblem,
  topicNameProblem,
} from "./limits.js";

export interface MessageAttribute {
  DataType: "String";
  StringValue: string;
}

/** The Publish request, field for field as the SDK takes it. */
export interface PublishInput {
  TopicArn: string;
  Message: string;
  Subject?: string;
  MessageAttributes?: Record<string, MessageAttribute>;
  MessageGroupId?: string;
  MessageDeduplicationId?: string;
}

/**
 * Builds the request from rendered params, enforcing SNS's limits on the rendered values so a dry
 * run fails where the live call would. Errors name the param.
 */
export function publishInput(params: Record<string, unknown>): PublishInput {
  const topicArn = requireString(params, "topicArn");
  const arnReason =
    checkArn(topicArn, { service: "sns" }) ?? topicNameProblem(topicArn.split(":").slice(5).join(":"));
  if (arnReason) throw new Error(`topicArn: "${topicArn}": ${arnReason}`);

  const message = requireString(params, "message");
  if (message === "") throw new Error("message: rendered to an empty string, which SNS refuses");
  const input: PublishInput = { TopicArn: topicArn, Message: message };

  const subject = optionalString(params, "subject");
  if (subject !== undefined) {
    const problem = subjectProblem(subject);
    if (problem) throw new Error(`subject: rendered to ${JSON.stringify(clip(subject))}, which ${problem}`);
    input.Subject = subject;
  }

  const attributes = params.attributes;
  if (attributes !== undefined) {
    if (attributes === null || typeof attributes !== "object" || Array.isArray(attributes)) {
      throw new Error("attributes: expected a mapping of name to string");
    }
    input.MessageAttributes = {};
    for (const [name, value] of Object.entries(attributes)) {
      const nameProblem = attributeNameProblem(name);
      if (nameProblem) throw new Error(`attributes: ${nameProblem}`);
      if (typeof value !== "string") throw new Error(`attributes.${name}: expected a string`);
      if (value === "") throw new Error(`attributes.${name}: rendered to an empty string, which SNS refuses`);
      input.MessageAttributes[name] = { DataType: "String", StringValue: value };
    }
  }

  const fifo = isFifoTopic(topicArn);
  const groupId = optionalString(params, "messageGroupId");
  if (groupId !== undefined) {
    const problem = fifoIdProblem(groupId);
    if (problem) throw new Error(`messageGroupId: ${JSON.stringify(clip(groupId))} ${problem}`);
    input.MessageGroupId = groupId;
  } else if (fifo) {
    throw new Error("messageGroupId: required, because the topic is a FIFO topic (.fifo)");
  }
  const dedupId = optionalString(params, "messageDeduplicationId");
  if (dedupId !== undefined) {
    if (!fifo)
      throw new Error("messageDeduplicationId: applies only to FIFO topics (.fifo), and SNS refuses it here");
    const problem = fifoIdProblem(dedupId);
    if (problem) throw new Error(`messageDeduplicationId: ${JSON.stringify(clip(dedupId))} ${problem}`);
    input.MessageDeduplicationId = dedupId;
  }

  const size = publishSize(input);
  if (size > MESSAGE_MAX_BYTES) {
    throw new Error(`message: ${size} bytes with its attributes, over SNS's limit of ${MESSAGE_MAX_BYTES}`);
  }
  return input;
}

/** Bytes SNS counts against the size limit: the body and each attribute's name, type and value. */
export function publishSize(input: PublishInput): number {
  let size = Buffer.byteLength(input.Message, "utf8");
  for (const [name, attr] of Object.entries(input.MessageAttributes ?? {})) {
    size += Buffer.byteLength(name) + Buffer.byteLength(attr.DataType) + Buffer.byteLength(attr.StringValue);
  }
  return size;
}

function requireString(params: Record<string, unknown>, key: string): string {
  const value = params[key];
  if (typeof value !== "string") throw new Error(`${key}: expected a string`);
  return value;
}

function optionalString(params: Record<string, unknown>, key: string): string | undefined {
  const value = params[key];
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw new Error(`${key}: expected a string`);
  return value;
}

/** Long rendered values are cut in error messages; the length is what matters there. */
function clip(s: string): string {
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}
