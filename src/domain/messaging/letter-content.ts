/**
 * The citizen's letter (issue 16): from plain data to the sections and lines of a printed page —
 * the coordinator's name and phone, the agreed activity, the next planned visits, and the punch
 * card with what is left of each kind. Seed 001 hands the citizen a one-page, simplified list they
 * can take in at a glance, so the letter keeps to the next few visits and a count of the rest, and
 * speaks to the citizen in plain words (letter-words.ts). Laying the lines out on A4 is the server's
 * (modules/messaging/letter-pdf.ts); what the lines say is decided here, so it can be tested at every
 * edge without a PDF.
 *
 * Privacy: the input has no CPR, no screening score, no diagnosis or condition, no note — those
 * fields do not exist here, so a caller cannot hand them over. The one free text, an intervention's
 * description, is left out when it holds anything written like a CPR number.
 *
 * The card's figures are not counted here: the caller passes the card lines the punch card computes
 * (domain/punchcard/card.ts), so the letter can never disagree with the course page.
 */
import type { CardLine } from "../punchcard/card.js";
import type { AccompanimentForm, ClipKind, ClipStatus, InterventionKind } from "../course/vocabulary.js";
import { containsCprNumber } from "./templates.js";
import { LETTER_WORDS, type LetterLang } from "./letter-words.js";
import { spokenDate } from "./reminders.js";

/** At most this many visit boxes; the rest are counted in one line (the letter keeps to one page, seed 001). */
export const MAX_VISITS = 3;
/** An activity's description is cut here (with "…"): a box of large type holds three lines of it. */
export const MAX_ACTIVITY_CHARS = 140;

export interface LetterClip {
  kind: ClipKind;
  status: ClipStatus;
  plannedOn: string | null;
  /** "HH:MM" Copenhagen time. */
  plannedStart: string | null;
  plannedMinutes: number | null;
  accompanimentForm: AccompanimentForm | null;
  /** Who comes (the worker's name), and from where (their organisation). */
  worker: string | null;
  provider: string | null;
}

/**
 * A booked conversation (courses' `conversations`, status `booked`): a visit of the coordinator's
 * beside the planned clips. It has a start, no length; it does not touch the punch card.
 */
export interface LetterConversation {
  /** The Copenhagen day (YYYY-MM-DD) and "HH:MM" of its `scheduledAt`. */
  day: string;
  start: string;
  /** Who comes: the course's coordinator. */
  who: string | null;
}

export interface LetterActivity {
  kind: InterventionKind;
  description: string | null;
  provider: string | null;
  /** An ended intervention is no longer agreed. */
  ended: boolean;
}

export interface LetterInput {
  lang: LetterLang;
  /** The Copenhagen day the letter is made (YYYY-MM-DD). */
  today: string;
  municipality: string;
  citizen: { name: string; addressLines: string[] };
  coordinator: { name: string; phone: string | null };
  activities: LetterActivity[];
  clips: LetterClip[];
  /** Booked conversations of the open course, shown among the visits. */
  conversations: LetterConversation[];
  card: CardLine[];
}

export interface LetterVisit {
  /** The box's first line: the day and the time ("Onsdag den 9. december 2026, kl. 10.00 til 11.30"). */
  when: string;
  /** "Mandag den 7. december 2026" (with "I dag, " in front on the day itself). */
  day: string;
  isToday: boolean;
  time: string;
  what: string;
  who: string | null;
}

export type Square = "used" | "planned" | "free";

export interface LetterCardKind {
  label: string;
  left: number;
  /** "14 klip tilbage". */
  leftText: string;
  summary: string;
  /** One square per granted clip: used ones first, then planned, then those left. */
  squares: Square[];
}

export interface LetterContent {
  lang: LetterLang;
  title: string;
  /** "Fjordby Kommune" and the day written out. */
  sender: string;
  date: string;
  recipient: string[];
  greeting: string;
  intro: string;
  coordinator: { heading: string; lines: string[] };
  activity: { heading: string; lines: string[] };
  visits: { heading: string; items: LetterVisit[]; note: string | null };
  card: {
    heading: string;
    intro: string;
    /** The card is a page of its own (to keep by the phone): whose it is, and whom to call. */
    owner: string;
    call: string;
    kinds: LetterCardKind[];
    note: string | null;
    legend: Record<Square, string>;
  };
  closing: string[];
  /** Page footer ("Side 1 af 2"). */
  page: (n: number, of: number) => string;
}

/** "mandag den 7. december 2026" / "Monday 7 December 2026". */
export function letterDate(day: string, lang: LetterLang): string {
  return `${spokenDate(day, lang)} ${day.slice(0, 4)}`;
}

const capitalise = (s: string) => s.charAt(0).toLocaleUpperCase("da") + s.slice(1);

/** "10:00" → "10.00" in Danish (the Danish way of writing the clock), "10:00" in English. */
function clock(hhmm: string, lang: LetterLang): string {
  return lang === "da" ? hhmm.replace(":", ".") : hhmm;
}

/** The end of a visit; past midnight it wraps (a late outing). */
export function endClock(start: string, minutes: number): string {
  const [h, m] = start.split(":").map(Number) as [number, number];
  const total = (((h * 60 + m + minutes) % 1440) + 1440) % 1440;
  return `${String(Math.floor(total / 60)).padStart(2, "0")}:${String(total % 60).padStart(2, "0")}`;
}

/** A Danish number (+45 and eight digits, or eight digits) in pairs: "12 34 56 78"; others as written. */
export function letterPhone(phone: string): string {
  const digits = phone.replace(/[\s-]/g, "");
  const m = /^(?:\+45|0045)?(\d{8})$/.exec(digits);
  return m ? m[1]!.replace(/(\d{2})(?=\d)/g, "$1 ") : phone.trim();
}

/** One line of free text, cut with "…" at a word boundary where one is near. */
export function shortText(text: string, max = MAX_ACTIVITY_CHARS): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

function activityLines(input: LetterInput): string[] {
  const w = LETTER_WORDS[input.lang];
  const lines: string[] = [];
  for (const a of input.activities) {
    const label = w.intervention[a.kind];
    // Detection and the screening conversation are how the course began, not what was agreed.
    if (a.ended || !label) continue;
    const description =
      a.description && a.description.trim() && !containsCprNumber(a.description)
        ? shortText(a.description)
        : null;
    const line = description ? `${label}: ${description}` : label;
    if (!lines.includes(line)) lines.push(line);
  }
  return lines;
}

function visitOf(c: LetterClip & { plannedOn: string }, input: LetterInput): LetterVisit {
  const w = LETTER_WORDS[input.lang];
  const isToday = c.plannedOn === input.today;
  const day = isToday
    ? `${w.today}, ${letterDate(c.plannedOn, input.lang)}`
    : capitalise(letterDate(c.plannedOn, input.lang));
  const start = c.plannedStart ? clock(c.plannedStart, input.lang) : null;
  const end =
    c.plannedStart && c.plannedMinutes ? clock(endClock(c.plannedStart, c.plannedMinutes), input.lang) : null;
  const time = start ? w.at(start, end) : w.timeToBeAgreed;
  const what =
    c.kind === "accompaniment" && c.accompanimentForm
      ? w.accompaniment[c.accompanimentForm]
      : w.clipKind[c.kind];
  return {
    when: w.when(day, start, end),
    day,
    isToday,
    time,
    what,
    who: c.worker ? w.comes(c.worker, c.provider) : null,
  };
}

/**
 * Planned clips and booked conversations from today on, soonest first (a clip without a start time
 * last on its day). A booked conversation at the same day and time as a planned conversation clip is
 * the same visit written twice (booked on the course, planned on the card): it is shown once.
 */
function upcoming(input: LetterInput): (LetterClip & { plannedOn: string })[] {
  const clips = input.clips.filter(
    (c): c is LetterClip & { plannedOn: string } => c.status === "planned" && c.plannedOn !== null,
  );
  const conversations = input.conversations
    .filter(
      (v) =>
        !clips.some((c) => c.kind === "conversation" && c.plannedOn === v.day && c.plannedStart === v.start),
    )
    .map((v): LetterClip & { plannedOn: string } => ({
      kind: "conversation",
      status: "planned",
      plannedOn: v.day,
      plannedStart: v.start,
      plannedMinutes: null,
      accompanimentForm: null,
      worker: v.who,
      provider: null,
    }));
  return [...clips, ...conversations]
    .filter((c) => c.plannedOn >= input.today)
    .sort(
      (a, b) =>
        a.plannedOn.localeCompare(b.plannedOn) ||
        (a.plannedStart ?? "99:99").localeCompare(b.plannedStart ?? "99:99"),
    );
}

/** The squares of one kind: as many as were granted; a clip used beyond the grant (an exception) fills them all. */
export function squaresOf(line: CardLine): Square[] {
  const used = Math.min(line.usedClips, line.grantedClips);
  const planned = Math.min(line.plannedClips, line.grantedClips - used);
  const free = line.grantedClips - used - planned;
  return [
    ...Array<Square>(used).fill("used"),
    ...Array<Square>(planned).fill("planned"),
    ...Array<Square>(free).fill("free"),
  ];
}

/**
 * The letter's content. `maxVisits` is how many visit boxes to show (the layout asks for fewer when
 * a long activity text would push the letter onto a second page); the rest are counted in a line.
 */
export function letterContent(input: LetterInput, maxVisits = MAX_VISITS): LetterContent {
  const w = LETTER_WORDS[input.lang];
  const phone = input.coordinator.phone?.trim() ? letterPhone(input.coordinator.phone) : null;
  const activities = activityLines(input);
  const visits = upcoming(input);
  const shown = visits.slice(0, Math.max(1, maxVisits)).map((c) => visitOf(c, input));
  const hidden = visits.length - shown.length;
  const kinds = input.card
    .filter((l) => l.grantedClips > 0)
    .map((l) => ({
      label: w.cardKind[l.kind],
      left: l.remainingClips,
      leftText: w.clipsLeft(l.remainingClips),
      summary: w.cardSummary(l.grantedClips, l.usedClips, l.plannedClips),
      squares: squaresOf(l),
    }));
  return {
    lang: input.lang,
    title: w.title,
    sender: input.municipality,
    date: capitalise(letterDate(input.today, input.lang)),
    recipient: [input.citizen.name, ...input.citizen.addressLines.filter((l) => l.trim())],
    greeting: w.greeting(input.citizen.name),
    intro: w.intro,
    coordinator: {
      heading: w.coordinatorHeading,
      lines: [w.coordinatorIs(input.coordinator.name), ...(phone ? [w.phone(phone)] : []), w.callAbout],
    },
    activity: { heading: w.activityHeading, lines: activities.length ? activities : [w.noActivity] },
    visits: {
      heading: w.visitsHeading,
      items: shown,
      note: shown.length === 0 ? w.noVisits : hidden > 0 ? w.moreVisits(hidden) : null,
    },
    card: {
      heading: w.cardHeading,
      intro: w.cardIntro,
      owner: input.citizen.name,
      call: w.callCoordinator(input.coordinator.name, phone),
      kinds,
      note: kinds.length === 0 ? w.noCard : null,
      legend: { used: w.legendUsed, planned: w.legendPlanned, free: w.legendFree },
    },
    closing: [w.regards, input.coordinator.name, input.municipality],
    page: w.page,
  };
}
