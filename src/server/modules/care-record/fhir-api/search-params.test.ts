/** The FHIR read API's search parameters (decision 0099): strict, CPR only from a body, cursors tied to their search. */
import { describe, expect, it } from "vitest";
import { AppError } from "../../../platform/errors.js";
import { dateRange, encodeCursor, fingerprintOf, parseSearch } from "./search-params.js";
import { grantedScopes } from "./token.js";

const ID = "7af6c9d9-75f1-42a8-a95f-84b88229053c";

function codeOf(work: () => unknown): string | undefined {
  try {
    work();
  } catch (err) {
    return err instanceof AppError ? err.code : "not an AppError";
  }
  return undefined;
}

describe("parseSearch", () => {
  it("refuses a Patient identifier in a URL, and takes it from a body", () => {
    expect(codeOf(() => parseSearch("Patient", { identifier: "0101011234" }, "get"))).toBe(
      "fhir_identifier_in_url",
    );
    expect(parseSearch("Patient", { identifier: "urn:oid:1.2.208.176.1.2|0101011234" }, "post").cpr).toBe(
      "010101-1234",
    );
    expect(codeOf(() => parseSearch("Patient", { identifier: "urn:other|0101011234" }, "post"))).toBe(
      "fhir_search_parameter",
    );
  });

  it("keeps a CPR out of the canonical parameters that go into links", () => {
    const spec = parseSearch("Patient", { identifier: "0101011234", _lastUpdated: "ge2026-01-01" }, "post");
    expect(JSON.stringify(spec.canonical)).not.toContain("0101011234");
  });

  it("turns gt, ge, lt and le into one half-open range, by the precision given", () => {
    const spec = parseSearch("Condition", { _lastUpdated: ["gt2026-03-05", "le2026-04"] }, "get");
    expect(spec.from?.toISOString()).toBe("2026-03-06T00:00:00.000Z");
    expect(spec.to?.toISOString()).toBe("2026-05-01T00:00:00.000Z");
    const instant = parseSearch("Condition", { _lastUpdated: "ge2026-03-05T10:00:00+01:00" }, "get");
    expect(instant.from?.toISOString()).toBe("2026-03-05T09:00:00.000Z");
    expect(codeOf(() => parseSearch("Condition", { _lastUpdated: "eq2026-03-05" }, "get"))).toBe(
      "fhir_search_parameter",
    );
    expect(dateRange("2026-02-30")).toBeNull();
  });

  it("refuses unknown parameters, modifiers and counts out of range", () => {
    expect(codeOf(() => parseSearch("Condition", { code: "b1" }, "get"))).toBe("fhir_search_parameter");
    expect(codeOf(() => parseSearch("Condition", { "patient:missing": "true" }, "get"))).toBe(
      "fhir_search_parameter",
    );
    expect(codeOf(() => parseSearch("Condition", { _count: "0" }, "get"))).toBe("fhir_search_parameter");
    expect(codeOf(() => parseSearch("Condition", { _count: "201" }, "get"))).toBe("fhir_search_parameter");
    expect(codeOf(() => parseSearch("Patient", { patient: ID }, "get"))).toBe("fhir_search_parameter");
    expect(parseSearch("Condition", { _format: "json", subject: `Patient/${ID}` }, "get").patientId).toBe(ID);
  });

  it("accepts a cursor only for the search it was made for", () => {
    const spec = parseSearch("Condition", { patient: ID }, "get");
    const cursor = encodeCursor({ citizenId: ID, skip: 2 }, fingerprintOf("Condition", spec.canonical));
    expect(parseSearch("Condition", { patient: ID, _cursor: cursor }, "get").cursor).toEqual({
      citizenId: ID,
      skip: 2,
    });
    expect(codeOf(() => parseSearch("Condition", { _cursor: cursor }, "get"))).toBe("fhir_cursor_invalid");
    expect(codeOf(() => parseSearch("Condition", { patient: ID, _cursor: "garbage" }, "get"))).toBe(
      "fhir_cursor_invalid",
    );
  });
});

describe("grantedScopes", () => {
  it("grants what is asked within the client's scopes, all of them when nothing is asked", () => {
    expect(grantedScopes(undefined, ["system/Patient.read"])).toEqual(["system/Patient.read"]);
    expect(grantedScopes("system/Patient.read", ["system/*.read"])).toEqual(["system/Patient.read"]);
    expect(grantedScopes("system/Condition.read", ["system/Patient.read"])).toBeNull();
    expect(grantedScopes("system/Account.read", ["system/*.read"])).toBeNull();
  });
});
