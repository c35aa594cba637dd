import { describe, expect, it } from "vitest";
import { renderPdfPage } from "../../../../test/support/pdf-render.js";
import { type LetterClip, type LetterInput, MAX_VISITS } from "../../../domain/messaging/letter-content.js";
import { cardLines } from "../../../domain/punchcard/card.js";
import { renderLetterPdf } from "./letter-pdf.js";

const visit = (day: number): LetterClip => ({
  kind: "accompaniment",
  status: "planned",
  plannedOn: `2026-12-${String(day).padStart(2, "0")}`,
  plannedStart: "10:00",
  plannedMinutes: 90,
  accompanimentForm: "to_from",
  worker: "Mette Lykke",
  provider: "Hjemmeplejen",
});

const input = (over: Partial<LetterInput> = {}): LetterInput => ({
  lang: "da",
  today: "2026-12-07",
  municipality: "Fjordby Kommune",
  citizen: { name: "Karen Holm", addressLines: ["Havnevej 3", "9900 Fjordby"] },
  coordinator: { name: "Camilla Holt", phone: "71 82 93 04" },
  activities: [{ kind: "accompaniment", description: "Seniorklubben", provider: null, ended: false }],
  clips: [8, 10, 12, 14, 16].map(visit),
  conversations: [],
  card: cardLines([{ kind: "accompaniment", clips: 10, minutesPerClip: 90 }], [], 2),
  ...over,
});

async function pages(pdf: Buffer): Promise<string[]> {
  const first = await renderPdfPage(pdf, 1, 0.5);
  const out = [first.text];
  for (let n = 2; n <= first.pages; n++) out.push((await renderPdfPage(pdf, n, 0.5)).text);
  return out;
}

describe("the letter on A4", () => {
  it("is one page of letter and one page of punch card", async () => {
    const [letter, card, ...rest] = await pages(await renderLetterPdf(input()));
    expect(rest).toEqual([]);
    expect(letter).toContain("Din koordinator er Camilla Holt.");
    expect(letter).toContain(`Der er planlagt ${5 - MAX_VISITS} besøg mere.`);
    expect(letter).toContain("Side 1 af 2");
    expect(card).toMatch(/^Dit klippekort Karen Holm/);
    expect(card).toContain("Ledsagelse: 10 klip tilbage");
    expect(card).toContain("Spørgsmål? Ring til Camilla Holt på 71 82 93 04.");
  });

  it("shows fewer visits rather than spill the letter onto a second page when the activities are long", async () => {
    const long =
      "Strikkecaféen på biblioteket med en lang beskrivelse af hvad der sker hver uge og hvem der kommer";
    const activities = (["accompaniment", "group_activity", "guidance_motivation", "follow_up"] as const).map(
      (kind) => ({ kind, description: long, provider: null, ended: false }),
    );
    const [letter, card, ...rest] = await pages(await renderLetterPdf(input({ activities })));
    expect(rest).toEqual([]);
    expect(letter).toContain("Med venlig hilsen");
    expect(letter).toContain("Tirsdag den 8. december 2026");
    expect(card).toMatch(/^Dit klippekort/);
  });

  it("carries a card of many clips over onto more pages, every square drawn", async () => {
    const card = cardLines([{ kind: "accompaniment", clips: 279, minutesPerClip: 60 }], [], 2);
    const all = await pages(await renderLetterPdf(input({ card })));
    expect(all.length).toBeGreaterThan(2);
    expect(all.at(-1)).toContain("Spørgsmål? Ring til Camilla Holt");
  });
});
