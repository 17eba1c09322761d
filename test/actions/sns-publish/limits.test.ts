import { describe, expect, it } from "vitest";
import {
  attributeNameProblem,
  fifoIdProblem,
  subjectProblem,
  topicNameProblem,
} from "../../../actions/sns-publish/limits.js";

describe("subjectProblem", () => {
  it.each([
    ["a plain subject", "ECS task failure: web", null],
    ["exactly 100 characters", "s".repeat(100), null],
    ["leading digit", "3 tasks stopped", null],
    ["leading punctuation", "[prod] ECS task failure", null],
    ["non-ASCII letters", "ECSタスク障害: web", null],
    ["101 characters", "s".repeat(101), "is 101 characters; SNS allows at most 100"],
    ["length counted in code points, not UTF-16 units", "😀".repeat(101), "is 101 characters"],
    ["a line break", "line one\nline two", "must be one line"],
    ["a carriage return", "a\rb", "must be one line"],
    ["a tab", "a\tb", "control character U+0009"],
    ["DEL", "a\u007fb", "control character U+007F"],
    ["leading space", " ECS task failure", "must not begin with whitespace"],
    ["empty", "", "is empty"],
  ])("%s", (_name, subject, problem) => {
    const result = subjectProblem(subject);
    if (problem === null) expect(result).toBeNull();
    else expect(result).toContain(problem);
  });
});

describe("attributeNameProblem", () => {
  it.each([
    ["cluster", null],
    ["app.tier", null],
    ["event_source-1", null],
    ["a".repeat(256), null],
    ["a".repeat(257), "longer than 256"],
    ["my attr", "may only contain"],
    [".hidden", 'start or end with "."'],
    ["trailing.", 'start or end with "."'],
    ["a..b", 'cannot contain ".."'],
    ["AWS.SNS.x", "reserved for AWS"],
    ["amazon.x", "reserved for AWS"],
    ["awsome", null],
  ])("%s", (name, problem) => {
    const result = attributeNameProblem(name);
    if (problem === null) expect(result).toBeNull();
    else expect(result).toContain(problem);
  });
});

describe("fifoIdProblem", () => {
  it.each([
    ["arn:aws:ecs:us-east-1:123456789012:cluster/x", null],
    ["8f07966c-b005-4a0f-9ee9-63d2c41448b3", null],
    ["!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", null],
    ["x".repeat(128), null],
    ["x".repeat(129), "at most 128"],
    ["has space", "no spaces"],
    ["ünïcode", "ASCII punctuation"],
    ["", "is empty"],
  ])("%s", (value, problem) => {
    const result = fifoIdProblem(value);
    if (problem === null) expect(result).toBeNull();
    else expect(result).toContain(problem);
  });
});

describe("topicNameProblem", () => {
  it.each([
    ["ECSTaskErrorNotification", true],
    ["orders.fifo", true],
    ["my_topic-1", true],
    ["a".repeat(256), true],
    ["a".repeat(257), false],
    ["a.b", false],
    [".fifo", false],
    ["", false],
  ])("%s ok=%s", (name, ok) => {
    expect(topicNameProblem(name) === null).toBe(ok);
  });
});
