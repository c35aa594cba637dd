import { describe, expect, it } from "vitest";
import { clipSettledByScreening } from "./detection-clip.js";

const me = "worker-me";
const clip = (id: string, workerUserId: string) => ({ id, workerUserId });

describe("the opsporingsklip a screening settles", () => {
  it("settles nothing when no clip is planned that day", () => {
    expect(clipSettledByScreening([], me)).toBeNull();
  });

  it("settles the screening worker's own clip, also when colleagues have one that day", () => {
    expect(clipSettledByScreening([clip("a", "colleague"), clip("b", me), clip("c", "other")], me)).toBe("b");
  });

  it("settles the oldest of the worker's own clips when there are two", () => {
    expect(clipSettledByScreening([clip("old", me), clip("new", me)], me)).toBe("old");
  });

  it("settles a colleague's clip when it is the only one that day", () => {
    expect(clipSettledByScreening([clip("a", "colleague")], me)).toBe("a");
  });

  it("settles none of several colleagues' clips: whose visit it replaced is unknown", () => {
    expect(clipSettledByScreening([clip("a", "colleague"), clip("b", "other")], me)).toBeNull();
  });
});
