/**
 * The independent count of issue 11's population test: plain code over the test's own log of
 * what it recorded — the status table, the funnel as a cohort, punch-card use and the outcome
 * pairs — written without the report code or the domain rules behind it.
 */

export type Log =
  | { kind: "registered"; member: boolean }
  | {
      kind: "form";
      answered: boolean;
      positive: boolean;
      consent: "yes" | "no" | "not_asked";
      exclusion: string | null;
    }
  | { kind: "membership"; member: boolean }
  | { kind: "referral" }
  | { kind: "course" }
  | { kind: "trial" }
  | { kind: "followUp"; still: boolean }
  | { kind: "baseline" }
  | { kind: "volunteerReferral"; matched: boolean }
  | { kind: "grant"; clips: number }
  | { kind: "clip"; minutes: number }
  | { kind: "outcomeFollowUp"; course: string };
export type Entry = Log & { citizen: string; district: "north" | "south" | "other"; at: Date };

export interface Period {
  from: string;
  to: string;
  district?: "north" | "south";
}
// Period bounds at midnight UTC: every event is near noon, so Copenhagen's offset cannot move one across a day.
const start = (p: Period) => new Date(`${p.from}T00:00:00Z`);
const end = (p: Period) => new Date(Date.parse(`${p.to}T00:00:00Z`) + 24 * 3600_000);
export const inPeriod = (p: Period, e: Entry) =>
  e.at >= start(p) && e.at < end(p) && (!p.district || e.district === p.district);
const distinct = (es: Entry[]) => new Set(es.map((e) => e.citizen)).size;
const pct = (a: number, b: number) => (b === 0 ? null : Math.round((a / b) * 1000) / 10);

export function expectedStatus(log: readonly Entry[], p: Period) {
  const es = log.filter((e) => inPeriod(p, e));
  const forms = es.filter((e): e is Entry & { kind: "form" } => e.kind === "form");
  const answered = forms.filter((f) => f.answered);
  const excluded = forms.filter((f) => f.exclusion !== null);
  const lonely = answered.filter((f) => f.positive);
  const vrefs = es.filter((e): e is Entry & { kind: "volunteerReferral" } => e.kind === "volunteerReferral");
  // Membership over time per citizen, from the states the log says each step left.
  const byCitizen = new Map<string, Entry[]>();
  for (const e of log)
    if (!p.district || e.district === p.district)
      byCitizen.set(e.citizen, [...(byCitizen.get(e.citizen) ?? []), e]);
  let group = 0;
  let entered = 0;
  let left = 0;
  for (const entries of byCitizen.values()) {
    const states: { at: Date; member: boolean }[] = [];
    let member: boolean;
    for (const e of entries) {
      if (e.kind === "registered" || e.kind === "membership") member = e.member;
      else if (e.kind === "form" && e.exclusion) member = false;
      else continue;
      states.push({ at: e.at, member });
    }
    const at = (instant: Date) => states.filter((s) => s.at < instant).at(-1)?.member ?? false;
    if (at(end(p))) group++;
    let before = at(start(p));
    let up = false;
    let down = false;
    for (const s of states.filter((x) => x.at >= start(p) && x.at < end(p))) {
      if (!before && s.member) up = true;
      if (before && !s.member) down = true;
      before = s.member;
    }
    if (up) entered++;
    if (down) left++;
  }
  const reasons = [...new Set(excluded.map((f) => f.exclusion!))].sort();
  return {
    citizens: {
      formsFilled: distinct(forms),
      formsAnswered: distinct(answered),
      excluded: distinct(excluded),
      excludedByReason: reasons.map((r) => [r, distinct(excluded.filter((f) => f.exclusion === r))]),
      assessedLonely: [distinct(lonely), distinct(answered), pct(distinct(lonely), distinct(answered))],
      baselineQuestionnaires: distinct(es.filter((e) => e.kind === "baseline")),
      targetGroup: group,
      entered,
      left,
    },
    forms: {
      formsFilled: forms.length,
      formsAnswered: answered.length,
      excluded: excluded.length,
      excludedByReason: reasons.map((r) => [r, excluded.filter((f) => f.exclusion === r).length]),
      assessedLonely: [lonely.length, answered.length, pct(lonely.length, answered.length)],
      baselineQuestionnaires: es.filter((e) => e.kind === "baseline").length,
    },
    referrals: {
      volunteerReferrals: vrefs.length,
      matched: [
        vrefs.filter((v) => v.matched).length,
        vrefs.length,
        pct(vrefs.filter((v) => v.matched).length, vrefs.length),
      ],
    },
  };
}

export function expectedUsage(log: readonly Entry[], p: Period) {
  const es = log.filter((e) => inPeriod(p, e));
  const clips = es.filter((e): e is Entry & { kind: "clip" } => e.kind === "clip");
  return {
    granted: es.reduce((a, e) => a + (e.kind === "grant" ? e.clips : 0), 0),
    used: clips.length,
    usedMinutes: clips.reduce((a, e) => a + e.minutes, 0),
  };
}

/** Pairs: a follow-up answered in the period on a course whose baseline was answered (always before it here). */
export function expectedPairs(log: readonly Entry[], p: Period) {
  return [
    ...new Set(log.filter((e) => e.kind === "outcomeFollowUp" && inPeriod(p, e)).map((e) => e.citizen)),
  ].sort();
}

const STEPS = [
  "noticed",
  "screened",
  "lonely",
  "consented",
  "referred",
  "courseStarted",
  "triedActivity",
  "stillTakingPart",
] as const;

export function expectedFunnel(log: readonly Entry[], p: Period) {
  const reached = new Map<string, Set<string>>();
  const mark = (citizen: string, step: string) =>
    reached.set(citizen, (reached.get(citizen) ?? new Set()).add(step));
  for (const e of log.filter((x) => inPeriod(p, x))) {
    if (e.kind === "form") {
      mark(e.citizen, "noticed");
      if (e.answered) mark(e.citizen, "screened");
      if (e.positive) mark(e.citizen, "lonely");
      if (e.positive && e.consent === "yes") mark(e.citizen, "consented");
    }
    if (e.kind === "referral") {
      mark(e.citizen, "noticed");
      mark(e.citizen, "referred");
    }
    if (e.kind === "course") mark(e.citizen, "courseStarted");
    if (e.kind === "trial") mark(e.citizen, "triedActivity");
    if (e.kind === "followUp" && e.still) mark(e.citizen, "stillTakingPart");
  }
  // Per citizen: on every step of the unbroken run from the first; entered at the first step reached after the run broke.
  const counts = STEPS.map(() => 0);
  const enteredHere = STEPS.map(() => 0);
  for (const steps of reached.values()) {
    let run = 0;
    while (run < STEPS.length && steps.has(STEPS[run]!)) run++;
    for (let k = 0; k < run; k++) counts[k]!++;
    const entry = STEPS.findIndex((s, k) => k >= Math.max(1, run + 1) && steps.has(s));
    if (entry > 0) enteredHere[entry]!++;
  }
  return STEPS.map((key, k) => ({
    key,
    count: counts[k]!,
    dropOut: k === 0 ? null : counts[k - 1]! - counts[k]!,
    percent: k === 0 ? null : pct(counts[k]!, counts[k - 1]!),
    enteredHere: enteredHere[k]!,
  }));
}
