/**
 * The words of the citizen's letter (issue 16), in Danish and English. They live beside the rule
 * that uses them (letter-content.ts) rather than in the web app's i18n files, because the letter is
 * made on the server and the rule is pure. Plain words addressed to the citizen ("du"): the letter is
 * read by someone who may not read Broen's screens — no stage names, no codes, no health words.
 */
import type { AccompanimentForm, ClipKind, InterventionKind } from "../course/vocabulary.js";

export type LetterLang = "da" | "en";

export interface LetterWords {
  title: string;
  greeting: (name: string) => string;
  intro: string;
  coordinatorHeading: string;
  coordinatorIs: (name: string) => string;
  phone: (phone: string) => string;
  callAbout: string;
  activityHeading: string;
  noActivity: string;
  visitsHeading: string;
  noVisits: string;
  moreVisits: (n: number) => string;
  today: string;
  at: (start: string, end: string | null) => string;
  /** The visit's day and time on one line ("Onsdag den 9. december 2026, kl. 10.00 til 11.30"). */
  when: (day: string, start: string | null, end: string | null) => string;
  timeToBeAgreed: string;
  comes: (who: string, provider: string | null) => string;
  cardHeading: string;
  cardIntro: string;
  /** The card page's line for the citizen to call about it. */
  callCoordinator: (name: string, phone: string | null) => string;
  noCard: string;
  clipsLeft: (n: number) => string;
  cardSummary: (granted: number, used: number, planned: number) => string;
  legendUsed: string;
  legendPlanned: string;
  legendFree: string;
  regards: string;
  page: (n: number, of: number) => string;
  clipKind: Record<ClipKind, string>;
  cardKind: Record<ClipKind, string>;
  accompaniment: Record<AccompanimentForm, string>;
  intervention: Partial<Record<InterventionKind, string>>;
}

const plural = (n: number, one: string, other: string) => (n === 1 ? one : other);

export const LETTER_WORDS: Record<LetterLang, LetterWords> = {
  da: {
    title: "Din plan og dit klippekort",
    greeting: (name) => `Kære ${name}`,
    intro: "Gem brevet. Her kan du se, hvem der kommer, og hvornår.",
    coordinatorHeading: "Din koordinator",
    coordinatorIs: (name) => `Din koordinator er ${name}.`,
    phone: (phone) => `Telefon: ${phone}`,
    callAbout: "Ring, hvis du vil spørge om noget eller flytte et besøg.",
    activityHeading: "Det har vi aftalt",
    noActivity: "Vi har ikke aftalt en aktivitet endnu. Din koordinator taler med dig om det.",
    visitsHeading: "Dine næste besøg",
    noVisits: "Der er ingen besøg planlagt lige nu.",
    moreVisits: (n) =>
      `Der er planlagt ${n} ${plural(n, "besøg", "besøg")} mere. Din koordinator kan fortælle dig om ${plural(n, "det", "dem")}.`,
    today: "I dag",
    at: (start, end) => (end ? `Kl. ${start} til ${end}` : `Kl. ${start}`),
    when: (day, start, end) => (start ? `${day}, kl. ${start}${end ? ` til ${end}` : ""}` : day),
    timeToBeAgreed: "Tidspunktet aftales med dig",
    comes: (who, provider) => (provider ? `${who} fra ${provider} kommer` : `${who} kommer`),
    cardHeading: "Dit klippekort",
    cardIntro: "Et klip er et besøg eller en tur sammen med en medarbejder.",
    callCoordinator: (name, phone) =>
      phone ? `Spørgsmål? Ring til ${name} på ${phone}.` : `Spørgsmål? Spørg din koordinator, ${name}.`,
    noCard: "Du har ikke fået klip endnu.",
    clipsLeft: (n) => `${n} ${plural(n, "klip", "klip")} tilbage`,
    cardSummary: (granted, used, planned) =>
      `Du har fået ${granted} klip. ${used} er brugt, og ${planned} er planlagt.`,
    legendUsed: "brugt",
    legendPlanned: "planlagt",
    legendFree: "tilbage",
    regards: "Med venlig hilsen",
    page: (n, of) => `Side ${n} af ${of}`,
    clipKind: {
      detection: "Besøg",
      conversation: "Samtale",
      accompaniment: "Ledsagelse",
      participation: "Aktivitet sammen med andre",
      follow_up: "Opfølgning",
    },
    cardKind: {
      detection: "Besøg",
      conversation: "Samtaler",
      accompaniment: "Ledsagelse",
      participation: "Aktiviteter",
      follow_up: "Opfølgning",
    },
    accompaniment: {
      to_from: "Ledsagelse til og fra aktiviteten",
      to_from_during: "Ledsagelse til og fra og under aktiviteten",
      before_departure: "Hjælp til at komme af sted",
      courage_motivation: "En tur sammen, én til én",
    },
    intervention: {
      guidance_motivation: "Samtaler med din koordinator",
      accompaniment: "Ledsagelse",
      group_activity: "Aktivitet sammen med andre",
      follow_up: "Opfølgning",
    },
  },
  en: {
    title: "Your plan and your punch card",
    greeting: (name) => `Dear ${name}`,
    intro: "Keep this letter. It shows who comes, and when.",
    coordinatorHeading: "Your coordinator",
    coordinatorIs: (name) => `Your coordinator is ${name}.`,
    phone: (phone) => `Phone: ${phone}`,
    callAbout: "Call if you want to ask about something or move a visit.",
    activityHeading: "What we have agreed",
    noActivity: "We have not agreed on an activity yet. Your coordinator will talk to you about it.",
    visitsHeading: "Your next visits",
    noVisits: "No visits are planned at the moment.",
    moreVisits: (n) =>
      `${n} more ${plural(n, "visit is", "visits are")} planned. Your coordinator can tell you about ${plural(n, "it", "them")}.`,
    today: "Today",
    at: (start, end) => (end ? `${start} to ${end}` : `At ${start}`),
    when: (day, start, end) => (start ? `${day}, ${start}${end ? ` to ${end}` : ""}` : day),
    timeToBeAgreed: "The time will be agreed with you",
    comes: (who, provider) => (provider ? `${who} from ${provider} comes` : `${who} comes`),
    cardHeading: "Your punch card",
    cardIntro: "A clip is a visit or an outing with a member of staff.",
    callCoordinator: (name, phone) =>
      phone ? `Questions? Call ${name} on ${phone}.` : `Questions? Ask your coordinator, ${name}.`,
    noCard: "You have not been given any clips yet.",
    clipsLeft: (n) => `${n} ${plural(n, "clip", "clips")} left`,
    cardSummary: (granted, used, planned) =>
      `You have been given ${granted} ${plural(granted, "clip", "clips")}. ${used} used, ${planned} planned.`,
    legendUsed: "used",
    legendPlanned: "planned",
    legendFree: "left",
    regards: "Kind regards",
    page: (n, of) => `Page ${n} of ${of}`,
    clipKind: {
      detection: "Visit",
      conversation: "Conversation",
      accompaniment: "Accompaniment",
      participation: "Activity with others",
      follow_up: "Follow-up",
    },
    cardKind: {
      detection: "Visits",
      conversation: "Conversations",
      accompaniment: "Accompaniment",
      participation: "Activities",
      follow_up: "Follow-up",
    },
    accompaniment: {
      to_from: "Accompanied to and from the activity",
      to_from_during: "Accompanied to, from and during the activity",
      before_departure: "Help to get out of the door",
      courage_motivation: "An outing together, one to one",
    },
    intervention: {
      guidance_motivation: "Conversations with your coordinator",
      accompaniment: "Accompaniment",
      group_activity: "Activity with others",
      follow_up: "Follow-up",
    },
  },
};
