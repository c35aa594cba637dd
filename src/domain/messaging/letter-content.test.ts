import { describe, expect, it } from "vitest";
import { type CardClip, cardLines } from "../punchcard/card.js";
import {
  type LetterClip,
  type LetterInput,
  MAX_ACTIVITY_CHARS,
  MAX_VISITS,
  endClock,
  letterContent,
  letterDate,
  letterPhone,
  shortText,
} from "./letter-content.js";

const TODAY = "2026-12-07"; // a Monday

const planned = (plannedOn: string, plannedStart: string | null = "10:00", extra: Partial<LetterClip> = {}) =>
  ({
    kind: "accompaniment",
    status: "planned",
    plannedOn,
    plannedStart,
    plannedMinutes: 90,
    accompanimentForm: null,
    worker: "Anna Jensen",
    provider: "Hjemmeplejen",
    ...extra,
  }) satisfies LetterClip;

function input(over: Partial<LetterInput> = {}): LetterInput {
  return {
    lang: "da",
    today: TODAY,
    municipality: "Fjordby Kommune",
    citizen: { name: "Karen Holm", addressLines: ["Havnevej 3", "9900 Fjordby"] },
    coordinator: { name: "Mette Sørensen", phone: "+4512345678" },
    activities: [
      {
        kind: "accompaniment",
        description: "Seniorklubben i Kulturhuset",
        provider: "Hjemmeplejen",
        ended: false,
      },
    ],
    clips: [],
    conversations: [],
    card: cardLines([{ kind: "accompaniment", clips: 10, minutesPerClip: 90 }], [], 2),
    ...over,
  };
}

const cardClip = (kind: CardClip["kind"], status: CardClip["status"]): CardClip => ({
  kind,
  status,
  plannedMinutes: 60,
  actualMinutes: status === "done" ? 60 : null,
});

describe("the letter's dates, times and phone", () => {
  it("writes the day out in Danish words with the year", () => {
    expect(letterDate("2026-12-07", "da")).toBe("mandag den 7. december 2026");
    expect(letterDate("2027-01-01", "da")).toBe("fredag den 1. januar 2027");
  });

  it("writes the day out in English for a citizen who reads English", () => {
    expect(letterDate("2026-12-07", "en")).toBe("Monday 7 December 2026");
  });

  it("dates the letter itself, capitalised, and names the municipality as sender", () => {
    const c = letterContent(input());
    expect(c.date).toBe("Mandag den 7. december 2026");
    expect(c.sender).toBe("Fjordby Kommune");
  });

  it("computes the end of a visit, past midnight too", () => {
    expect(endClock("10:00", 90)).toBe("11:30");
    expect(endClock("23:30", 60)).toBe("00:30");
  });

  it("writes a Danish phone number in pairs, without +45", () => {
    expect(letterPhone("+4512345678")).toBe("12 34 56 78");
    expect(letterPhone("12 34 56 78")).toBe("12 34 56 78");
    expect(letterPhone("+46 70 123 45 67")).toBe("+46 70 123 45 67");
  });
});

describe("the coordinator", () => {
  it("names the coordinator and their phone", () => {
    const c = letterContent(input());
    expect(c.coordinator.lines).toEqual([
      "Din koordinator er Mette Sørensen.",
      "Telefon: 12 34 56 78",
      "Ring, hvis du vil spørge om noget eller flytte et besøg.",
    ]);
    expect(c.closing).toEqual(["Med venlig hilsen", "Mette Sørensen", "Fjordby Kommune"]);
  });

  it("leaves out the phone line when the coordinator has no phone on record", () => {
    const c = letterContent(input({ coordinator: { name: "Mette Sørensen", phone: "  " } }));
    expect(c.coordinator.lines.some((l) => l.startsWith("Telefon"))).toBe(false);
  });
});

describe("the agreed activity", () => {
  it("shows each agreed intervention with its description", () => {
    expect(letterContent(input()).activity.lines).toEqual(["Ledsagelse: Seniorklubben i Kulturhuset"]);
  });

  it("leaves out ended interventions, detection and the screening conversation", () => {
    const c = letterContent(
      input({
        activities: [
          { kind: "detection", description: "Opsporet", provider: null, ended: false },
          { kind: "screening_conversation", description: null, provider: null, ended: false },
          { kind: "group_activity", description: "Strikkecafé", provider: null, ended: true },
        ],
      }),
    );
    expect(c.activity.lines).toEqual([
      "Vi har ikke aftalt en aktivitet endnu. Din koordinator taler med dig om det.",
    ]);
  });

  it("cuts a long activity name at a word with an ellipsis, on one line", () => {
    const long = `Ledsagelse til ${"den meget lange aktivitet i foreningen ".repeat(8)}\n\nslut`;
    const [line] = letterContent(
      input({ activities: [{ kind: "group_activity", description: long, provider: null, ended: false }] }),
    ).activity.lines;
    expect(line!.startsWith("Aktivitet sammen med andre: Ledsagelse til den meget lange")).toBe(true);
    expect(line!.endsWith("…")).toBe(true);
    expect(line).not.toContain("\n");
    expect(line!.length).toBeLessThanOrEqual("Aktivitet sammen med andre: ".length + MAX_ACTIVITY_CHARS);
  });

  it("cuts one endless word too (nothing to break at)", () => {
    const t = shortText("x".repeat(500));
    expect(t).toHaveLength(MAX_ACTIVITY_CHARS);
    expect(t.endsWith("…")).toBe(true);
  });

  it("drops a description that holds something written like a CPR number", () => {
    const c = letterContent(
      input({
        activities: [
          { kind: "accompaniment", description: "Borger 010150-1234 til klub", provider: null, ended: false },
        ],
      }),
    );
    expect(c.activity.lines).toEqual(["Ledsagelse"]);
  });
});

describe("the planned visits", () => {
  it("says so when no clip is planned", () => {
    const c = letterContent(input());
    expect(c.visits.items).toEqual([]);
    expect(c.visits.note).toBe("Der er ingen besøg planlagt lige nu.");
  });

  it("shows a visit's day in words, its time, what it is and who comes", () => {
    const c = letterContent(
      input({ clips: [planned("2026-12-10", "14:00", { accompanimentForm: "to_from" })] }),
    );
    expect(c.visits.items).toEqual([
      {
        when: "Torsdag den 10. december 2026, kl. 14.00 til 15.30",
        day: "Torsdag den 10. december 2026",
        isToday: false,
        time: "Kl. 14.00 til 15.30",
        what: "Ledsagelse til og fra aktiviteten",
        who: "Anna Jensen fra Hjemmeplejen kommer",
      },
    ]);
    expect(c.visits.note).toBeNull();
  });

  it("marks a clip planned for today, and keeps it on the letter", () => {
    const [v] = letterContent(input({ clips: [planned(TODAY, "08:00")] })).visits.items;
    expect(v).toMatchObject({
      isToday: true,
      day: "I dag, mandag den 7. december 2026",
      when: "I dag, mandag den 7. december 2026, kl. 08.00 til 09.30",
    });
  });

  it("leaves out past, done and cancelled clips", () => {
    const c = letterContent(
      input({
        clips: [
          planned("2026-12-06"),
          { ...planned("2026-12-08"), status: "done" },
          { ...planned("2026-12-09"), status: "cancelled" },
        ],
      }),
    );
    expect(c.visits.items).toEqual([]);
  });

  it("orders visits by day and time, a visit without a time last on its day", () => {
    const c = letterContent(
      input({
        clips: [planned("2026-12-09", null), planned("2026-12-09", "09:00"), planned("2026-12-08", "15:00")],
      }),
    );
    expect(c.visits.items.map((v) => [v.when, v.time])).toEqual([
      ["Tirsdag den 8. december 2026, kl. 15.00 til 16.30", "Kl. 15.00 til 16.30"],
      ["Onsdag den 9. december 2026, kl. 09.00 til 10.30", "Kl. 09.00 til 10.30"],
      ["Onsdag den 9. december 2026", "Tidspunktet aftales med dig"],
    ]);
  });

  it("shows the next visits only and counts the rest (one page)", () => {
    const days = Array.from(
      { length: MAX_VISITS + 3 },
      (_, i) => `2026-12-${String(8 + i).padStart(2, "0")}`,
    );
    const c = letterContent(input({ clips: days.map((d) => planned(d)) }));
    expect(c.visits.items).toHaveLength(MAX_VISITS);
    expect(c.visits.note).toBe("Der er planlagt 3 besøg mere. Din koordinator kan fortælle dig om dem.");
  });

  it("shows a booked conversation among the visits: its day, its start, the coordinator who comes", () => {
    const c = letterContent(
      input({
        clips: [planned("2026-12-09", "10:00"), planned("2026-12-11", "09:00")],
        conversations: [
          { day: "2026-12-10", start: "13:15", who: "Mette Sørensen" },
          // Before today: not on the letter.
          { day: "2026-12-04", start: "10:00", who: "Mette Sørensen" },
        ],
      }),
    );
    expect(c.visits.items.map((v) => v.day)).toEqual([
      "Onsdag den 9. december 2026",
      "Torsdag den 10. december 2026",
      "Fredag den 11. december 2026",
    ]);
    expect(c.visits.items[1]).toEqual({
      when: "Torsdag den 10. december 2026, kl. 13.15",
      day: "Torsdag den 10. december 2026",
      isToday: false,
      time: "Kl. 13.15",
      what: "Samtale",
      who: "Mette Sørensen kommer",
    });
  });

  it("shows a conversation booked and also planned as a clip at the same time once", () => {
    const c = letterContent(
      input({
        clips: [planned("2026-12-10", "13:15", { kind: "conversation", plannedMinutes: 60 })],
        conversations: [
          { day: "2026-12-10", start: "13:15", who: "Mette Sørensen" },
          { day: "2026-12-14", start: "10:00", who: "Mette Sørensen" },
        ],
      }),
    );
    expect(c.visits.items.map((v) => v.when)).toEqual([
      "Torsdag den 10. december 2026, kl. 13.15 til 14.15",
      "Mandag den 14. december 2026, kl. 10.00",
    ]);
  });

  it("counts booked conversations with the clips beyond the visits shown", () => {
    const c = letterContent(
      input({
        clips: [planned("2026-12-08"), planned("2026-12-09")],
        conversations: [
          { day: "2026-12-10", start: "10:00", who: null },
          { day: "2026-12-15", start: "10:00", who: null },
        ],
      }),
    );
    expect(c.visits.items).toHaveLength(MAX_VISITS);
    expect(c.visits.note).toBe("Der er planlagt 1 besøg mere. Din koordinator kan fortælle dig om det.");
  });

  it("says nothing of who comes when no worker is named", () => {
    const [v] = letterContent(input({ clips: [planned("2026-12-08", "10:00", { worker: null })] })).visits
      .items;
    expect(v!.who).toBeNull();
  });
});

describe("the punch card on paper", () => {
  it("has one square per granted clip, used ones first, then planned, then those left", () => {
    const card = cardLines(
      [{ kind: "accompaniment", clips: 6, minutesPerClip: 60 }],
      [
        cardClip("accompaniment", "done"),
        cardClip("accompaniment", "done"),
        cardClip("accompaniment", "planned"),
      ],
      1,
    );
    const [k] = letterContent(input({ card })).card.kinds;
    expect(k).toEqual({
      label: "Ledsagelse",
      left: 3,
      leftText: "3 klip tilbage",
      summary: "Du har fået 6 klip. 2 er brugt, og 1 er planlagt.",
      squares: ["used", "used", "planned", "free", "free", "free"],
    });
  });

  it("shows 0 left when every clip is used, and a cancelled clip goes back on the card", () => {
    const card = cardLines(
      [{ kind: "conversation", clips: 2, minutesPerClip: 30 }],
      [
        cardClip("conversation", "done"),
        cardClip("conversation", "done"),
        cardClip("conversation", "cancelled"),
      ],
      0,
    );
    const [k] = letterContent(input({ card })).card.kinds;
    expect(k).toMatchObject({
      label: "Samtaler",
      left: 0,
      leftText: "0 klip tilbage",
      squares: ["used", "used"],
    });
  });

  it("fills every square, and no more, when more was used than granted (an exception)", () => {
    const card = cardLines(
      [{ kind: "accompaniment", clips: 2, minutesPerClip: 60 }],
      [1, 2, 3].map(() => cardClip("accompaniment", "done")),
      0,
    );
    expect(letterContent(input({ card })).card.kinds[0]!.squares).toEqual(["used", "used"]);
  });

  it("adds several grants of a kind together, and shows each granted kind apart", () => {
    const card = cardLines(
      [
        { kind: "accompaniment", clips: 3, minutesPerClip: 60 },
        { kind: "accompaniment", clips: 2, minutesPerClip: 120 },
        { kind: "conversation", clips: 2, minutesPerClip: 30 },
      ],
      [cardClip("conversation", "done")],
      1,
    );
    const kinds = letterContent(input({ card })).card.kinds;
    expect(kinds.map((k) => [k.label, k.left, k.squares.length])).toEqual([
      ["Samtaler", 1, 2],
      ["Ledsagelse", 5, 5],
    ]);
  });

  it("is the citizen's own card, with whom to call", () => {
    const c = letterContent(input());
    expect(c.card.owner).toBe("Karen Holm");
    expect(c.card.call).toBe("Spørgsmål? Ring til Mette Sørensen på 12 34 56 78.");
    expect(letterContent(input({ coordinator: { name: "Mette Sørensen", phone: null } })).card.call).toBe(
      "Spørgsmål? Spørg din koordinator, Mette Sørensen.",
    );
  });

  it("says so when nothing was granted", () => {
    const c = letterContent(input({ card: cardLines([], [], 1) }));
    expect(c.card.kinds).toEqual([]);
    expect(c.card.note).toBe("Du har ikke fået klip endnu.");
  });
});

describe("language and privacy", () => {
  it("writes the whole letter in English when the citizen's consent says so", () => {
    const c = letterContent(input({ lang: "en", clips: [planned("2026-12-08", "10:00")] }));
    expect(c.title).toBe("Your plan and your punch card");
    expect(c.visits.items[0]).toMatchObject({
      when: "Tuesday 8 December 2026, 10:00 to 11:30",
      time: "10:00 to 11:30",
    });
    expect(c.card.kinds[0]!.leftText).toBe("10 clips left");
    expect(c.page(1, 2)).toBe("Page 1 of 2");
  });

  it("addresses the citizen by name and address, and holds nothing else about them", () => {
    const c = letterContent(input());
    expect(c.recipient).toEqual(["Karen Holm", "Havnevej 3", "9900 Fjordby"]);
    expect(c.greeting).toBe("Kære Karen Holm");
    expect(JSON.stringify(c)).not.toMatch(/\d{6}-?\d{4}/);
  });
});
