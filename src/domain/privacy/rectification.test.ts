import { describe, expect, it } from "vitest";
import { type RegisterValues, replacedValues, revisionHistory } from "./rectification.js";

const register = (over: Partial<RegisterValues> = {}): RegisterValues => ({
  cpr: "150445-1019",
  firstName: "Grethe",
  lastName: "Lund",
  addressLine: "Bøgevej 4",
  postalCode: "9902",
  city: "Sønderhede",
  phone: null,
  providerId: "p1",
  districtId: null,
  homeCareSince: "2024-01-01",
  inTargetGroup: true,
  ...over,
});

describe("rectification: which values a change replaces", () => {
  it("keeps the previous value of each field that really changes", () => {
    expect(replacedValues(register(), { lastName: "Holm", phone: "20304050", version: 3 })).toEqual({
      lastName: "Lund",
      phone: null,
    });
  });

  it("ignores fields sent with the value they already had, fields not sent and unknown keys", () => {
    expect(
      replacedValues(register(), { firstName: "Grethe", city: undefined, reason: "x", version: 2 }),
    ).toEqual({});
  });

  it("treats a cleared field as a change from its old value, and a false flag as a value", () => {
    expect(replacedValues(register({ phone: "1234" }), { phone: null, inTargetGroup: false })).toEqual({
      phone: "1234",
      inTargetGroup: true,
    });
  });

  it("records a corrected CPR number's previous value", () => {
    expect(replacedValues(register(), { cpr: "150445-1027" })).toEqual({ cpr: "150445-1019" });
  });
});

describe("rectification: the history, old → new", () => {
  it("gives each change the value that replaced it: the next change's old value, else today's", () => {
    const now = register({ lastName: "Holm-Lund", city: "Aarhus" });
    const history = revisionHistory(
      [
        { version: 1, previous: { lastName: "Lund", city: "Sønderhede" }, extra: "first" },
        { version: 2, previous: { lastName: "Holm" }, extra: "second" },
      ],
      now,
    );
    expect(history).toEqual([
      { version: 2, changes: [{ field: "lastName", from: "Holm", to: "Holm-Lund" }], extra: "second" },
      {
        version: 1,
        changes: [
          { field: "lastName", from: "Lund", to: "Holm" },
          { field: "city", from: "Sønderhede", to: "Aarhus" },
        ],
        extra: "first",
      },
    ]);
  });

  it("orders by version whatever order the rows come in, and skips keys it does not know", () => {
    const history = revisionHistory(
      [
        { version: 4, previous: { phone: "1" }, extra: null },
        { version: 2, previous: { phone: null, shoeSize: 41 }, extra: null },
      ],
      register({ phone: "2" }),
    );
    expect(history.map((h) => h.version)).toEqual([4, 2]);
    expect(history[1]!.changes).toEqual([{ field: "phone", from: null, to: "1" }]);
  });

  it("is empty for a citizen never corrected", () => {
    expect(revisionHistory([], register())).toEqual([]);
  });
});
