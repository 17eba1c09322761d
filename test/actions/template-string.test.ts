import { describe, expect, it } from "vitest";
import {
  isTemplateString,
  literalParts,
  literalPrefix,
  wildcardPattern,
} from "../../actions/template-string.js";

describe("template-string", () => {
  it.each([
    ["plain", "arn:aws:sns:us-east-1:123456789012:t", false],
    ["output", "{{ event.id }}", true],
    ["tag", "{% if x %}a{% endif %}", true],
    ["unterminated", "x {{ y", true],
    ["single braces", "{not a template}", false],
  ])("isTemplateString: %s", (_name, text, expected) => {
    expect(isTemplateString(text)).toBe(expected);
  });

  it.each([
    ["no template", "abc", "abc"],
    ["one span", "arn:aws:sns:{{ event.region }}:123456789012:t", "arn:aws:sns:*:123456789012:t"],
    ["adjacent spans collapse", "a-{{ x }}{{ y }}-b", "a-*-b"],
    ["tags", "x{% if a %}1{% else %}2{% endif %}y", "x*1*2*y"],
    ["all template", "{{ event.detail.topic }}", "*"],
    ["unterminated swallows the rest", "a-{{ b", "a-*"],
  ])("wildcardPattern: %s", (_name, text, expected) => {
    expect(wildcardPattern(text)).toBe(expected);
  });

  it.each([
    ["no template", "abc", ["abc"]],
    ["seed index", 'ecs-events-{{ event.time | date: "%Y.%m.%d" }}', ["ecs-events-"]],
    ["between spans", "{{ a }} and {{ b }}!", [" and ", "!"]],
    ["unterminated", "x {{ y", ["x "]],
  ])("literalParts: %s", (_name, text, expected) => {
    expect(literalParts(text)).toEqual(expected);
  });

  it.each([
    ["no template", "abc", "abc"],
    ["leading text", "ECS task failure: {{ x }}", "ECS task failure: "],
    ["template first", "{{ x }} y", ""],
  ])("literalPrefix: %s", (_name, text, expected) => {
    expect(literalPrefix(text)).toBe(expected);
  });
});
