import { describe, expect, it } from "vitest";
import {
  type ConsentInForce,
  citizenRecipient,
  copenhagenDayAndClock,
  reminderDedupeKey,
  reminderNotBefore,
  reminderRecipients,
  relativeRecipient,
  spokenDate,
} from "./reminders.js";

const consent = (over: Partial<ConsentInForce> = {}): ConsentInForce => ({
  consent: true,
  channel: "sms",
  phone: "+4522334455",
  email: "anna@example.dk",
  remindersEnabled: true,
  relativeChannel: null,
  relativePhone: null,
  relativeEmail: null,
  lang: "da",
  ...over,
});

describe("citizenRecipient", () => {
  it("sends an SMS to the phone", () => {
    expect(citizenRecipient(consent())).toEqual({
      recipientKind: "citizen",
      channel: "sms",
      toAddress: "+4522334455",
    });
  });
  it("sends an e-mail to the address", () => {
    expect(citizenRecipient(consent({ channel: "email" }))).toEqual({
      recipientKind: "citizen",
      channel: "email",
      toAddress: "anna@example.dk",
    });
  });
  it("refuses without a consent row", () => expect(citizenRecipient(null)).toBe("no_consent"));
  it("refuses when consent is false, whatever else is recorded", () =>
    expect(citizenRecipient(consent({ consent: false }))).toBe("no_consent"));
  it("refuses paper only", () => expect(citizenRecipient(consent({ channel: "letter" }))).toBe("no_channel"));
  it("refuses without a channel", () =>
    expect(citizenRecipient(consent({ channel: null }))).toBe("no_channel"));
  it("refuses SMS without a phone", () =>
    expect(citizenRecipient(consent({ channel: "sms", phone: null }))).toBe("no_channel"));
});

describe("relativeRecipient", () => {
  it("copies to the relative's phone", () => {
    expect(relativeRecipient(consent({ relativeChannel: "sms", relativePhone: "+4533445566" }))).toEqual({
      recipientKind: "relative",
      channel: "sms",
      toAddress: "+4533445566",
    });
  });
  it("copies nothing without a channel, or without its address", () => {
    expect(relativeRecipient(consent())).toBeNull();
    expect(relativeRecipient(consent({ relativeChannel: "email" }))).toBeNull();
  });
  it("copies nothing without consent", () =>
    expect(
      relativeRecipient(consent({ consent: false, relativeChannel: "sms", relativePhone: "+4533445566" })),
    ).toBeNull());
});

describe("reminderRecipients", () => {
  it("is the citizen and the relative's copy", () => {
    expect(
      reminderRecipients(consent({ relativeChannel: "email", relativeEmail: "datter@example.dk" })).map(
        (r) => r.recipientKind,
      ),
    ).toEqual(["citizen", "relative"]);
  });
  it("is nobody with reminders switched off", () =>
    expect(reminderRecipients(consent({ remindersEnabled: false }))).toEqual([]));
  it("is nobody when the citizen cannot be reached, even if the relative could", () =>
    expect(
      reminderRecipients(
        consent({ channel: "letter", relativeChannel: "sms", relativePhone: "+4533445566" }),
      ),
    ).toEqual([]));
  it("is nobody without consent", () => expect(reminderRecipients(null)).toEqual([]));
});

describe("reminderNotBefore", () => {
  it("is 10:00 Copenhagen time the day before (winter: 09:00 UTC)", () => {
    expect(reminderNotBefore("2026-12-10", new Date("2026-12-01T12:00:00Z"))?.toISOString()).toBe(
      "2026-12-09T09:00:00.000Z",
    );
  });
  it("is 10:00 Copenhagen time the day before (summer: 08:00 UTC)", () => {
    expect(reminderNotBefore("2026-07-02", new Date("2026-06-01T12:00:00Z"))?.toISOString()).toBe(
      "2026-07-01T08:00:00.000Z",
    );
  });
  it("crosses a month and a year", () => {
    expect(reminderNotBefore("2027-01-01", new Date("2026-12-01T12:00:00Z"))?.toISOString()).toBe(
      "2026-12-31T09:00:00.000Z",
    );
  });
  it("is now when 10:00 the day before has passed (planned in the afternoon for tomorrow)", () => {
    const now = new Date("2026-12-09T14:00:00Z");
    expect(reminderNotBefore("2026-12-10", now)).toEqual(now);
  });
  it("is none for a visit today", () => {
    expect(reminderNotBefore("2026-12-10", new Date("2026-12-10T06:00:00Z"))).toBeNull();
  });
  it("is none for a visit in the past", () => {
    expect(reminderNotBefore("2026-12-01", new Date("2026-12-10T06:00:00Z"))).toBeNull();
  });
  it("counts today in Copenhagen, not in UTC (23:30 UTC is already tomorrow)", () => {
    expect(reminderNotBefore("2026-12-11", new Date("2026-12-10T23:30:00Z"))).toBeNull();
  });
});

describe("reminderDedupeKey", () => {
  it("names the visit, its time and the recipient", () => {
    expect(reminderDedupeKey({ clipId: "c1" }, "2026-12-10", "10:00", "citizen")).toBe(
      "reminder:clip:c1:2026-12-10T10:00:citizen",
    );
    expect(reminderDedupeKey({ conversationId: "v1" }, "2026-12-10", "10:00", "relative")).toBe(
      "reminder:conversation:v1:2026-12-10T10:00:relative",
    );
  });
  it("differs when the visit moves to another time", () => {
    expect(reminderDedupeKey({ clipId: "c1" }, "2026-12-10", "10:00", "citizen")).not.toBe(
      reminderDedupeKey({ clipId: "c1" }, "2026-12-10", "11:00", "citizen"),
    );
  });
});

describe("copenhagenDayAndClock", () => {
  it("gives the local day and clock of an instant", () => {
    expect(copenhagenDayAndClock(new Date("2026-12-10T23:30:00Z"))).toEqual({
      day: "2026-12-11",
      clock: "00:30",
    });
  });
});

describe("spokenDate", () => {
  it("writes the day out in Danish and English", () => {
    expect(spokenDate("2026-12-10", "da")).toBe("torsdag den 10. december");
    expect(spokenDate("2026-12-10", "en")).toBe("Thursday 10 December");
  });
});
