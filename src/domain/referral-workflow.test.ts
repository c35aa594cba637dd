import { describe, expect, it } from "vitest";
import { allowedActions, canReply, daysWaiting, isOpen, transition } from "./referral-workflow.js";

describe("referral workflow", () => {
  it("accepts a new referral", () => {
    expect(transition("new", "accept", null)).toEqual({ ok: true, to: "accepted" });
  });

  it("asks for more information only with a question", () => {
    expect(transition("new", "request_info", "  ")).toEqual({ ok: false, reason: "message_required" });
    expect(transition("new", "request_info", "Hvem er egen læge?")).toEqual({
      ok: true,
      to: "info_requested",
    });
  });

  it("rejects only with a reason the referrer can read", () => {
    expect(transition("new", "reject", undefined)).toEqual({ ok: false, reason: "message_required" });
    expect(transition("new", "reject", "Borgeren er flyttet")).toEqual({ ok: true, to: "rejected" });
  });

  it("returns a referral to the inbox when the information arrives", () => {
    expect(transition("info_requested", "info_received", null)).toEqual({ ok: true, to: "new" });
  });

  it("does not take 'information received' for a referral that asked for none", () => {
    expect(transition("new", "info_received", null)).toEqual({ ok: false, reason: "not_allowed" });
  });

  it("returns a referral to the inbox as new when the referrer replies, and only with a reply text", () => {
    expect(transition("info_requested", "reply", "Egen læge er Lægehuset Fjordby")).toEqual({
      ok: true,
      to: "new",
    });
    expect(transition("info_requested", "reply", " ")).toEqual({ ok: false, reason: "message_required" });
    expect(canReply("info_requested")).toBe(true);
  });

  it("takes a reply only while the coordinators wait for information", () => {
    for (const from of ["new", "accepted", "rejected"] as const) {
      expect(transition(from, "reply", "Svar")).toEqual({ ok: false, reason: "not_allowed" });
      expect(canReply(from)).toBe(false);
    }
  });

  it("does not offer the referrer's reply among the coordinators' decisions", () => {
    expect(allowedActions("info_requested")).toEqual(["info_received", "accept", "reject"]);
    expect(allowedActions("new")).toEqual(["accept", "request_info", "reject"]);
  });

  it("can accept or reject while waiting for information", () => {
    expect(transition("info_requested", "accept", null)).toEqual({ ok: true, to: "accepted" });
    expect(transition("info_requested", "reject", "Ønsker ikke")).toEqual({ ok: true, to: "rejected" });
  });

  it("never moves an accepted or rejected referral again", () => {
    for (const from of ["accepted", "rejected"] as const) {
      expect(allowedActions(from)).toEqual([]);
      for (const action of ["accept", "request_info", "reject", "info_received", "reply"] as const) {
        expect(transition(from, action, "x")).toEqual({ ok: false, reason: "not_allowed" });
      }
    }
  });

  it("counts new and waiting-for-information referrals as open", () => {
    expect(isOpen("new")).toBe(true);
    expect(isOpen("info_requested")).toBe(true);
    expect(isOpen("accepted")).toBe(false);
    expect(isOpen("rejected")).toBe(false);
  });

  it("counts whole days waited", () => {
    const created = new Date("2026-11-01T10:00:00Z");
    expect(daysWaiting(created, new Date("2026-11-02T09:59:59Z"))).toBe(0);
    expect(daysWaiting(created, new Date("2026-11-02T10:00:00Z"))).toBe(1);
    expect(daysWaiting(created, new Date("2026-11-09T12:00:00Z"))).toBe(8);
  });
});
