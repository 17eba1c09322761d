import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { TestProject } from "vitest/node";
import { servicesDemand } from "../support/services/demand.js";
import { repoRoot } from "../support/services/manifest.js";

/** Just the parts of vitest's TestProject that servicesDemand reads. */
function projectSelecting(files: readonly string[], filters?: readonly string[]): TestProject {
  const vitest = {
    filenamePattern: filters,
    globTestSpecifications: async (given: string[]) => {
      expect(given).toEqual(filters ?? []);
      return files.map((file) => ({ moduleId: join(repoRoot, file) }));
    },
  };
  return { vitest } as unknown as TestProject;
}

describe("servicesDemand", () => {
  it("skips the servers when only unit tests are selected", async () => {
    const demand = await servicesDemand(projectSelecting(["test/engine/arn.test.ts"], ["arn"]));
    expect(demand.needed).toBe(false);
    expect(demand.reason).toMatch(/no selected test file needs them \(1 file\(s\) matching arn\)/);
  });

  it("starts them for a file that imports the services support module", async () => {
    const demand = await servicesDemand(
      projectSelecting(["test/engine/arn.test.ts", "test/services/moto.test.ts"]),
    );
    expect(demand).toEqual({ needed: true, reason: "test/services/moto.test.ts needs them" });
  });

  it("starts them for any file under test/integration/, even before it exists", async () => {
    const demand = await servicesDemand(projectSelecting(["test/integration/seed-002.test.ts"]));
    expect(demand.needed).toBe(true);
  });
});
