import { describe, expect, it } from "vitest";
import { indexNameProblem, indexTemplateProblem } from "../../../actions/index-document/index-name.js";

describe("indexNameProblem", () => {
  it.each([
    ["ecs-events-2016.10.17", null],
    ["logs_2024", null],
    ["a".repeat(255), null],
    ["Ecs-events", "must be lowercase"],
    ["ecs events", "cannot contain spaces"],
    ["a,b", 'cannot contain ","'],
    ["a#b", 'cannot contain "#"'],
    ["a:b", 'cannot contain ":"'],
    ["a/b", 'cannot contain "/"'],
    ["a*", 'cannot contain "*"'],
    ["-events", "cannot start with"],
    ["_events", "cannot start with"],
    ["+events", "cannot start with"],
    [".", "cannot be an index name"],
    ["..", "cannot be an index name"],
    ["", "cannot be empty"],
    ["a".repeat(256), "256 bytes"],
    ["é".repeat(128), "256 bytes"],
  ])("%s", (name, problem) => {
    const result = indexNameProblem(name);
    if (problem === null) expect(result).toBeNull();
    else expect(result).toContain(problem);
  });
});

describe("indexTemplateProblem", () => {
  it.each([
    ["seed 002", 'ecs-events-{{ event.time | date: "%Y.%m.%d" }}', null],
    ["template first", '{{ event.source | replace: ".", "-" }}-events', null],
    ["uppercase inside the template is not fixed text", "events-{{ event.detail.Name | downcase }}", null],
    ["fixed uppercase", "ECS-{{ event.id }}", "must be lowercase"],
    ["fixed space", "{{ event.source }} events", "cannot contain spaces"],
    ["fixed leading underscore", "_{{ event.source }}", "cannot start with"],
    ["fixed text over 255 bytes", `${"a".repeat(256)}{{ event.id }}`, "256 bytes of fixed text"],
  ])("%s", (_name, template, problem) => {
    const result = indexTemplateProblem(template);
    if (problem === null) expect(result).toBeNull();
    else expect(result).toContain(problem);
  });
});
