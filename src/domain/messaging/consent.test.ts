import { describe, expect, it } from "vitest";
import { type ConsentInput, checkConsent } from "./consent.js";

const CONTACT = "11111111-1111-4111-8111-111111111111";
const base = (over: Partial<ConsentInput> = {}): ConsentInput => ({
  consent: true,
  channel: "sms",
  phone: "22 33 44 55",
  email: null,
  remindersEnabled: true,
  relativeContactId: null,
  relativeChannel: null,
  relativePhone: null,
  relativeEmail: null,
  lang: "da",
  ...over,
});
const check = (over: Partial<ConsentInput>) => checkConsent(base(over), new Set([CONTACT]));

describe("checkConsent", () => {
  it("stores the phone in E.164 and trims the e-mail", () => {
    const r = check({ email: " anna@example.dk " });
    expect(r).toEqual({ ok: true, value: base({ phone: "+4522334455", email: "anna@example.dk" }) });
  });
  it("names the phone when it is not a phone number", () => {
    expect(check({ phone: "1234" })).toEqual({
      ok: false,
      issues: [{ field: "phone", reason: "invalid_phone" }],
    });
  });
  it("names the e-mail when it is not an address", () => {
    expect(check({ email: "anna@" })).toEqual({
      ok: false,
      issues: [{ field: "email", reason: "invalid_email" }],
    });
  });
  it("needs a phone for SMS", () => {
    expect(check({ phone: " " })).toEqual({ ok: false, issues: [{ field: "phone", reason: "required" }] });
  });
  it("needs an e-mail for e-mail", () => {
    expect(check({ channel: "email" })).toEqual({
      ok: false,
      issues: [{ field: "email", reason: "required" }],
    });
  });
  it("needs no address for paper only or no channel", () => {
    expect(check({ channel: "letter", phone: null }).ok).toBe(true);
    expect(check({ channel: null, phone: null }).ok).toBe(true);
  });
  it("keeps every answer when consent is false (it clears nothing)", () => {
    const r = check({
      consent: false,
      relativeContactId: CONTACT,
      relativeChannel: "sms",
      relativePhone: "33445566",
    });
    expect(r.ok && r.value).toMatchObject({
      consent: false,
      phone: "+4522334455",
      relativePhone: "+4533445566",
    });
  });
  it("refuses a relative who is not one of the citizen's contacts", () => {
    expect(check({ relativeContactId: "22222222-2222-4222-8222-222222222222" })).toEqual({
      ok: false,
      issues: [{ field: "relativeContactId", reason: "invalid_value" }],
    });
  });
  it("needs the relative when the relative is to get a copy", () => {
    expect(check({ relativeChannel: "email", relativeEmail: "d@example.dk" })).toEqual({
      ok: false,
      issues: [{ field: "relativeContactId", reason: "required" }],
    });
  });
  it("needs the relative's phone or e-mail for their channel", () => {
    expect(check({ relativeContactId: CONTACT, relativeChannel: "sms" })).toEqual({
      ok: false,
      issues: [{ field: "relativePhone", reason: "required" }],
    });
    expect(check({ relativeContactId: CONTACT, relativeChannel: "email" })).toEqual({
      ok: false,
      issues: [{ field: "relativeEmail", reason: "required" }],
    });
  });
  it("names every wrong field at once", () => {
    const r = check({ phone: "x", relativePhone: "1", relativeEmail: "no" });
    expect(r.ok ? [] : r.issues.map((i) => i.field)).toEqual(["phone", "relativePhone", "relativeEmail"]);
  });
});
