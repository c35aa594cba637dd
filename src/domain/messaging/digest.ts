/**
 * The staff's daily digest (issue 16 point 2): which topics a user can receive, and the e-mail made
 * from plain counts per topic. Pure: the server gathers the counts (modules/messaging/digest-*.ts),
 * this module decides what the e-mail says.
 *
 * Why counts and links only: an e-mail leaves the municipality's systems (mail servers, phones,
 * forwarding), so it names no citizen — no name, address, CPR number, diagnosis, score or note
 * text. It says how many, and links to the Broen page where the user, logged in, sees who.
 * An empty digest (every count 0) is not sent: a daily "nothing today" teaches people to ignore it.
 */
import { type Actor, can } from "../access-policy.js";

/** Every topic, in the order the e-mail lists them (the worker's day first). */
export const DIGEST_TOPICS = [
  /** Opsporingsklip on the worker's day (overdue ones included, as "Mine borgere i dag" shows them). */
  "day.detectionClips",
  /** Punch-card clips planned on the worker's day. */
  "day.clips",
  /** Citizens on the worker's day whose screening is due. */
  "day.screeningsDue",
  /** Referrals that reached the coordinators' inbox since the last digest. */
  "referrals.new",
  /** Open referrals waiting more than the municipality's referralWaitDays. */
  "referrals.waiting",
  /** Open courses whose follow-up date has passed. */
  "followUps.overdue",
  /** Open courses whose punch card is at or below the frame's warnWhenClipsLeft. */
  "clips.runningLow",
  /** Volunteer-centre referrals received since the last digest. */
  "volunteerReferrals.new",
  /** The coordinators' answers (accepted, rejected, a question) on referrals the user sent, since the last digest. */
  "referrals.answered",
] as const;
export type DigestTopic = (typeof DIGEST_TOPICS)[number];

export type DigestLang = "da" | "en";

/** The Broen page where each topic's citizens are (web routes). */
export const TOPIC_PATHS: Record<DigestTopic, string> = {
  "day.detectionClips": "/min-dag",
  "day.clips": "/min-dag",
  "day.screeningsDue": "/min-dag",
  "referrals.new": "/henvisninger",
  "referrals.waiting": "/henvisninger",
  "followUps.overdue": "/forloeb",
  "clips.runningLow": "/forloeb",
  "volunteerReferrals.new": "/frivillig",
  "referrals.answered": "/sendte-henvisninger",
};

/** Where the user changes what the digest holds. */
export const PREFERENCES_PATH = "/min-profil";

/**
 * Whether the actor may receive a topic: exactly when the app would show them what it counts — the
 * same policy actions as the pages the links lead to, so a digest never tells more than Broen would.
 */
function receives(actor: Actor, topic: DigestTopic): boolean {
  switch (topic) {
    case "day.detectionClips":
    case "day.screeningsDue":
      return can(actor, { kind: "detectionClip.list" }).allowed;
    case "day.clips":
      return can(actor, { kind: "clip.day", workerUserId: actor.userId }).allowed;
    case "referrals.new":
    case "referrals.waiting":
      return can(actor, { kind: "referral.inbox" }).allowed;
    case "followUps.overdue":
    case "clips.runningLow":
      return can(actor, { kind: "course.caseload" }).allowed;
    case "volunteerReferrals.new":
      // Coordinators and managers read the same inbox, but its referrals are their own: the news is
      // the volunteer centre's.
      return (
        actor.role === "volunteer_centre_staff" && can(actor, { kind: "volunteerReferral.inbox" }).allowed
      );
    case "referrals.answered":
      return can(actor, { kind: "referral.sentList" }).allowed;
  }
}

/** The topics this actor's role can receive (the preferences page lists them), in digest order. */
export function topicsFor(actor: Actor): DigestTopic[] {
  if (!can(actor, { kind: "notifications.own" }).allowed) return [];
  return DIGEST_TOPICS.filter((t) => receives(actor, t));
}

/** The topics to gather for this actor: the role's topics less the ones the user muted. */
export function activeTopics(actor: Actor, muted: readonly string[]): DigestTopic[] {
  const off = new Set(muted);
  return topicsFor(actor).filter((t) => !off.has(t));
}

export function isDigestTopic(key: string): key is DigestTopic {
  return (DIGEST_TOPICS as readonly string[]).includes(key);
}

/** One topic's figure. `waitDays` is the municipality's limit, for "waiting more than N days". */
export interface DigestItem {
  topic: DigestTopic;
  count: number;
  waitDays?: number;
}

export interface DigestInput {
  lang: DigestLang;
  /** The Copenhagen day the digest is for, YYYY-MM-DD. */
  day: string;
  municipalityName: string;
  /** Broen's public address (PUBLIC_BASE_URL), e.g. https://broen.fjordby.dk. */
  baseUrl: string;
  items: readonly DigestItem[];
}

export interface DigestMessage {
  subject: string;
  body: string;
}

type Phrase = (n: number, days: number) => string;

const PHRASES: Record<DigestLang, Record<DigestTopic, Phrase>> = {
  da: {
    "day.detectionClips": (n) => `${n} opsporingsklip på din dag`,
    "day.clips": (n) => `${n} klip planlagt på din dag`,
    "day.screeningsDue": (n) =>
      n === 1 ? "1 borger på din dag skal screenes" : `${n} borgere på din dag skal screenes`,
    "referrals.new": (n) => (n === 1 ? "1 ny henvisning" : `${n} nye henvisninger`),
    "referrals.waiting": (n, d) =>
      n === 1
        ? `1 henvisning har ventet mere end ${d} dage`
        : `${n} henvisninger har ventet mere end ${d} dage`,
    "followUps.overdue": (n) =>
      n === 1 ? "1 forløb har en overskredet opfølgning" : `${n} forløb har en overskredet opfølgning`,
    "clips.runningLow": (n) => (n === 1 ? "1 forløb har få klip tilbage" : `${n} forløb har få klip tilbage`),
    "volunteerReferrals.new": (n) =>
      n === 1 ? "1 ny henvisning til frivilligcentret" : `${n} nye henvisninger til frivilligcentret`,
    "referrals.answered": (n) =>
      n === 1 ? "1 svar på en henvisning, du har sendt" : `${n} svar på henvisninger, du har sendt`,
  },
  en: {
    "day.detectionClips": (n) =>
      n === 1 ? "1 detection visit on your day" : `${n} detection visits on your day`,
    "day.clips": (n) => (n === 1 ? "1 clip planned on your day" : `${n} clips planned on your day`),
    "day.screeningsDue": (n) =>
      n === 1
        ? "1 citizen on your day is due for screening"
        : `${n} citizens on your day are due for screening`,
    "referrals.new": (n) => (n === 1 ? "1 new referral" : `${n} new referrals`),
    "referrals.waiting": (n, d) =>
      n === 1
        ? `1 referral has waited more than ${d} days`
        : `${n} referrals have waited more than ${d} days`,
    "followUps.overdue": (n) =>
      n === 1 ? "1 course has an overdue follow-up" : `${n} courses have an overdue follow-up`,
    "clips.runningLow": (n) =>
      n === 1 ? "1 course is running low on clips" : `${n} courses are running low on clips`,
    "volunteerReferrals.new": (n) =>
      n === 1 ? "1 new referral to the volunteer centre" : `${n} new referrals to the volunteer centre`,
    "referrals.answered": (n) =>
      n === 1 ? "1 answer to a referral you sent" : `${n} answers to referrals you sent`,
  },
};

const TEXT = {
  da: {
    subject: (day: string) => `Broen: din oversigt ${day}`,
    intro: (day: string, m: string) => `Din daglige oversigt fra Broen, ${day} (${m}).`,
    privacy: "Oversigten nævner ingen borgere. Log ind i Broen for at se, hvem det drejer sig om.",
    choose: "Vælg, hvad du får, eller slå oversigten fra:",
  },
  en: {
    subject: (day: string) => `Broen: your digest for ${day}`,
    intro: (day: string, m: string) => `Your daily digest from Broen, ${day} (${m}).`,
    privacy: "The digest names no citizen. Log in to Broen to see who they are.",
    choose: "Choose what you receive, or turn the digest off:",
  },
} as const;

const WEEKDAYS = {
  da: ["søndag", "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag"],
  en: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
} as const;
const MONTHS = {
  da: [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
  ],
  en: [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
  ],
} as const;

/**
 * "mandag 7. december 2026" / "Monday 7 December 2026", from the calendar day (no clock involved).
 * Spelled out here rather than by Intl: ICU versions word Danish dates differently ("den 7.").
 */
export function formatDigestDay(day: string, lang: DigestLang): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const weekday = WEEKDAYS[lang][new Date(Date.UTC(y, m - 1, d)).getUTCDay()]!;
  const month = MONTHS[lang][m - 1]!;
  return lang === "da" ? `${weekday} ${d}. ${month} ${y}` : `${weekday} ${d} ${month} ${y}`;
}

/** Base URL and path joined with exactly one slash. */
export function linkTo(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, "")}${path}`;
}

/** The topics with something to tell, in digest order, each once (a repeated topic's counts are added). */
function nonEmpty(items: readonly DigestItem[]): DigestItem[] {
  const byTopic = new Map<DigestTopic, DigestItem>();
  for (const item of items) {
    if (!Number.isInteger(item.count) || item.count <= 0) continue;
    const prev = byTopic.get(item.topic);
    byTopic.set(item.topic, prev ? { ...prev, count: prev.count + item.count } : { ...item });
  }
  return DIGEST_TOPICS.flatMap((t) => {
    const item = byTopic.get(t);
    return item ? [item] : [];
  });
}

/**
 * The digest's subject and plain-text body, or null when there is nothing to tell (not sent).
 * Every line is a count with its link; nothing of a citizen reaches the text.
 */
export function buildDigest(input: DigestInput): DigestMessage | null {
  const items = nonEmpty(input.items);
  if (items.length === 0) return null;
  const text = TEXT[input.lang];
  const phrases = PHRASES[input.lang];
  const day = formatDigestDay(input.day, input.lang);
  const lines = [text.intro(day, input.municipalityName), ""];
  for (const item of items) {
    lines.push(`- ${phrases[item.topic](item.count, item.waitDays ?? 0)}`);
    lines.push(`  ${linkTo(input.baseUrl, TOPIC_PATHS[item.topic])}`);
  }
  lines.push("", text.privacy, "", text.choose, linkTo(input.baseUrl, PREFERENCES_PATH), "");
  return { subject: text.subject(day), body: lines.join("\n") };
}

/** The outbox's dedupe key: one digest per user and day, whoever or however often the job runs. */
export function digestDedupeKey(userId: string, day: string): string {
  return `digest:${userId}:${day}`;
}

/**
 * From when "new" counts: the last digest's moment, at most a week back (a user who turns the
 * digest on again after months is not told of half a year's referrals as "new"), and a day back
 * when there was none.
 */
export function digestWindowStart(now: Date, lastDigestAt: Date | null): Date {
  const dayBack = new Date(now.getTime() - 24 * 3_600_000);
  if (!lastDigestAt || lastDigestAt >= now) return dayBack;
  const weekBack = new Date(now.getTime() - 7 * 24 * 3_600_000);
  return lastDigestAt < weekBack ? weekBack : lastDigestAt;
}

/** The Copenhagen wall-clock hour (0–23) of an instant: the job runs a municipality's digest at its digestHour. */
export function copenhagenHour(instant: Date): number {
  const hour = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/Copenhagen",
    hour: "2-digit",
    hourCycle: "h23",
  }).format(instant);
  return Number(hour);
}
