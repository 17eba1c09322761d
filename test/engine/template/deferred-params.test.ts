import { describe, expect, it } from "vitest";
import {
  compileParams,
  deferParams,
  MissingVariableError,
  TemplateParamsError,
} from "../../../engine/template/index.js";

const context = { event: { id: "e-1", detail: { state: "stopped" } } };

describe("deferParams (the rule artifact's params: parsed on first render)", () => {
  it("renders exactly what compileParams renders", () => {
    const params = { subject: "{{ event.detail.state | upcase }}", n: 3, list: ["{{ event.id }}", "plain"] };
    expect(deferParams(params).render(context)).toEqual(compileParams(params).render(context));
    expect(deferParams(params).templates.map((t) => t.path)).toEqual(
      compileParams(params).templates.map((t) => t.path),
    );
  });

  it("throws nothing until it is used, then what compileParams throws at once", () => {
    const bad = { subject: "{{ event.id | nosuchfilter }}" };
    expect(() => compileParams(bad)).toThrow(TemplateParamsError);
    const deferred = deferParams(bad);
    expect(() => deferred.render(context)).toThrow(TemplateParamsError);
    expect(() => deferred.templates).toThrow(TemplateParamsError);
  });

  it("keeps strict-variable errors as they are", () => {
    const missing = { subject: "{{ event.detail.nope }}" };
    expect(() => deferParams(missing).render(context)).toThrow(MissingVariableError);
    let eager: unknown;
    let deferred: unknown;
    try {
      compileParams(missing).render(context);
    } catch (err) {
      eager = (err as Error).message;
    }
    try {
      deferParams(missing).render(context);
    } catch (err) {
      deferred = (err as Error).message;
    }
    expect(deferred).toBe(eager);
  });
});
