import { attributeNameProblem, fifoIdProblem, MESSAGE_MAX_BYTES, subjectProblem } from "./limits.js";
import { type TopicFacts, topicFacts } from "./topic.js";

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
export function publishInput(params: Record<string, unknown>, known?: TopicFacts): PublishInput {
  return publishInputFor(params, topicOf(params, known));
}

/**
 * The topic's facts: `known` when the params name the same ARN (a topicArn without template,
 * worked out when the rule was compiled), else worked out now.
 */
export function topicOf(params: Record<string, unknown>, known?: TopicFacts): TopicFacts {
  const topicArn = requireString(params, "topicArn");
  return known !== undefined && known.arn === topicArn ? known : topicFacts(topicArn);
}

/** publishInput for params whose topicArn `topic` describes. */
export function publishInputFor(params: Record<string, unknown>, topic: TopicFacts): PublishInput {
  const topicArn = topic.arn;
  if (topic.problem) throw new Error(`topicArn: "${topicArn}": ${topic.problem}`);

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

  const fifo = topic.fifo;
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

  // A UTF-16 code unit is at most 3 bytes of UTF-8: only a request that could be over is measured.
  if (3 * publishLength(input) > MESSAGE_MAX_BYTES) {
    const size = publishSize(input);
    if (size > MESSAGE_MAX_BYTES) {
      throw new Error(`message: ${size} bytes with its attributes, over SNS's limit of ${MESSAGE_MAX_BYTES}`);
    }
  }
  return input;
}

/** publishSize's strings' lengths in UTF-16 code units. */
function publishLength(input: PublishInput): number {
  let length = input.Message.length;
  const attributes = input.MessageAttributes;
  if (attributes !== undefined)
    for (const name of Object.keys(attributes)) {
      const attr = attributes[name] as MessageAttribute;
      length += name.length + attr.DataType.length + attr.StringValue.length;
    }
  return length;
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
