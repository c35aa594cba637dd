/** What the job status shows of a failed try: a class and a code, never text from the output. */
import { describe, expect, it } from "vitest";
import { errorSummary } from "./jobs-status.js";

describe("errorSummary", () => {
  it("shows Broen's stored class and code", () => {
    expect(errorSummary("failed", { error: "AppError", code: "citizen_not_found" })).toEqual({
      class: "AppError",
      code: "citizen_not_found",
    });
    expect(errorSummary("retry", { error: "TypeError" })).toEqual({ class: "TypeError", code: null });
  });

  it("names pg-boss's own failures without their sentences", () => {
    const expired = { value: { message: "job failed by timeout in active state" } };
    expect(errorSummary("retry", expired)).toEqual({ class: "Expired", code: null });
    const timeout = { name: "Error", message: "handler execution exceeded 900000ms", stack: "Error: …" };
    expect(errorSummary("failed", timeout)).toEqual({ class: "Timeout", code: null });
    expect(errorSummary("retry", { value: "pg-boss shut down while active" })).toEqual({
      class: "Stopped",
      code: null,
    });
  });

  it("never passes on an unknown output's text, and shows nothing for a job that did not fail", () => {
    expect(errorSummary("failed", { message: "Anna Testesen not found" })).toEqual({
      class: "Error",
      code: null,
    });
    expect(errorSummary("failed", null)).toEqual({ class: "Error", code: null });
    expect(errorSummary("completed", { error: "AppError" })).toBeNull();
    expect(errorSummary("created", null)).toBeNull();
  });
});
