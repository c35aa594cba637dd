/**
 * Reports as tables: the one shape both exports use — CSV (one table per file) and the Excel
 * workbook (one sheet per table). Labels follow the caller's language; a suppressed figure is
 * written as "<5" (the threshold), never as a number.
 */
import type { FunnelReport, StatusReport, UsageReport } from "../../../shared/api/reports.js";
import type { Lang } from "../../platform/messages.js";

export type Cell = string | number | null;
export interface Table {
  name: string;
  rows: Cell[][];
}

const L = {
  da: {
    status: "Status",
    funnel: "Tragt",
    usage: "Klippekort",
    figure: "Opgørelse",
    count: "Antal",
    citizens: "Borgere",
    forms: "Skemaer",
    share: "Andel %",
    of: "Ud af",
    period: "Periode",
    formsFilled: "Udfyldte opsporingsskemaer",
    formsAnswered: "Skemaer hvor ensomhedsspørgsmålene er besvaret",
    excluded: "Ekskluderet fra målgruppen",
    excludedReason: "Ekskluderet",
    assessedLonely: "Vurderet ensomme",
    baselineQuestionnaires: "Baseline-spørgeskemaer",
    followUpQuestionnaires: "Opfølgende spørgeskemaer",
    volunteerReferrals: "Henvist til frivilligcenter",
    matched: "Matchet",
    matchesEnded: "Heraf match ophørt (for kompleks)",
    targetGroup: "Borgere i målgruppen",
    entered: "Kommet til",
    left: "Gået ud",
    step: "Trin",
    dropOut: "Frafald",
    enteredHere: "Kom ind her",
    group: "Distrikt/leverandør",
    kind: "Klip-type",
    granted: "Bevilget",
    planned: "Planlagt",
    used: "Brugt",
    usedMinutes: "Brugte minutter",
    cancelled: "Aflyst",
    all: "I alt",
    reasons: {
      dementia: "demens",
      terminal: "terminal",
      declined: "ønsker ikke",
      moved: "flyttet",
      other: "andet",
    } as Record<string, string>,
    kinds: {
      detection: "Opsporing",
      conversation: "Samtale",
      accompaniment: "Ledsagelse",
      participation: "Deltagelse",
      follow_up: "Opfølgning",
    } as Record<string, string>,
    steps: {
      noticed: "Opsporet",
      screened: "Screenet",
      lonely: "Ensom",
      consented: "Samtykke",
      referred: "Henvist",
      courseStarted: "Forløb startet",
      triedActivity: "Afprøvet et fællesskab",
      stillTakingPart: "Deltager stadig ved opfølgning",
    } as Record<string, string>,
  },
  en: {
    status: "Status",
    funnel: "Funnel",
    usage: "Punch card",
    figure: "Figure",
    count: "Count",
    citizens: "Citizens",
    forms: "Forms",
    share: "Share %",
    of: "Of",
    period: "Period",
    formsFilled: "Detection forms filled in",
    formsAnswered: "Forms with the loneliness questions answered",
    excluded: "Excluded from the target group",
    excludedReason: "Excluded",
    assessedLonely: "Assessed lonely",
    baselineQuestionnaires: "Baseline questionnaires",
    followUpQuestionnaires: "Follow-up questionnaires",
    volunteerReferrals: "Referred to the volunteer centre",
    matched: "Matched",
    matchesEnded: "Of which the match ended (too complex)",
    targetGroup: "Citizens in the target group",
    entered: "Entered",
    left: "Left",
    step: "Step",
    dropOut: "Drop-out",
    enteredHere: "Entered here",
    group: "District/provider",
    kind: "Clip kind",
    granted: "Granted",
    planned: "Planned",
    used: "Used",
    usedMinutes: "Minutes used",
    cancelled: "Cancelled",
    all: "All",
    reasons: {
      dementia: "dementia",
      terminal: "terminal",
      declined: "declined",
      moved: "moved",
      other: "other",
    } as Record<string, string>,
    kinds: {
      detection: "Detection",
      conversation: "Conversation",
      accompaniment: "Accompaniment",
      participation: "Participation",
      follow_up: "Follow-up",
    } as Record<string, string>,
    steps: {
      noticed: "Noticed",
      screened: "Screened",
      lonely: "Lonely",
      consented: "Consented",
      referred: "Referred",
      courseStarted: "Course started",
      triedActivity: "Tried a community",
      stillTakingPart: "Still taking part at follow-up",
    } as Record<string, string>,
  },
} as const;

type Fig = { value: number | null; suppressed: boolean };

function cell(f: Fig | null, threshold: number): Cell {
  if (!f) return null;
  return f.suppressed ? `<${threshold}` : f.value;
}

export function statusTable(r: StatusReport, lang: Lang): Table {
  const t = L[lang];
  const c = (f: Fig) => cell(f, r.smallNumberThreshold);
  const f = r.figures;
  const g = r.forms;
  return {
    name: t.status,
    rows: [
      [t.period, `${r.period.from} – ${r.period.to}`, null, null, null, null, null],
      // Citizens first (the headline, issue 11), then the same figure in forms/questionnaires.
      [t.figure, t.citizens, t.of, t.share, t.forms, t.of, t.share],
      [t.formsFilled, c(f.formsFilled), null, null, c(g.formsFilled), null, null],
      [t.formsAnswered, c(f.formsAnswered), null, null, c(g.formsAnswered), null, null],
      [t.excluded, c(f.excluded), null, null, c(g.excluded), null, null],
      ...f.excludedByReason.map((e): Cell[] => [
        `${t.excludedReason}: ${t.reasons[e.reason] ?? e.reason}`,
        c(e.count),
        null,
        null,
        c(g.excludedByReason.find((x) => x.reason === e.reason)?.count ?? e.count),
        null,
        null,
      ]),
      [
        t.assessedLonely,
        c(f.assessedLonely.count),
        c(f.assessedLonely.of),
        f.assessedLonely.percent,
        c(g.assessedLonely.count),
        c(g.assessedLonely.of),
        g.assessedLonely.percent,
      ],
      [
        t.baselineQuestionnaires,
        c(f.baselineQuestionnaires),
        null,
        null,
        c(g.baselineQuestionnaires),
        null,
        null,
      ],
      [
        t.followUpQuestionnaires,
        c(f.followUpQuestionnaires),
        null,
        null,
        c(g.followUpQuestionnaires),
        null,
        null,
      ],
      [t.volunteerReferrals, c(f.volunteerReferrals), null, null, null, null, null],
      [t.matched, c(f.matched.count), c(f.matched.of), f.matched.percent, null, null, null],
      [t.matchesEnded, c(f.matchesEnded), null, null, null, null, null],
      [`${t.targetGroup} (${r.targetGroupOn})`, c(f.targetGroup), null, null, null, null, null],
      [t.entered, c(f.entered), null, null, null, null, null],
      [t.left, c(f.left), null, null, null, null, null],
    ],
  };
}

export function funnelTable(r: FunnelReport, lang: Lang, threshold: number): Table {
  const t = L[lang];
  const groups = [{ name: t.all, steps: r.steps }, ...r.byDistrict, ...r.byProvider].map((g) => ({
    name: g.name ?? "–",
    steps: g.steps,
  }));
  return {
    name: t.funnel,
    rows: [
      [t.group, t.step, t.count, t.dropOut, t.share, t.enteredHere],
      ...groups.flatMap((g) =>
        g.steps.map((s): Cell[] => [
          g.name,
          t.steps[s.key] ?? s.key,
          cell(s.count, threshold),
          cell(s.dropOut, threshold),
          s.percentOfPrevious,
          cell(s.enteredHere, threshold),
        ]),
      ),
    ],
  };
}

export function usageTable(r: UsageReport, lang: Lang, threshold: number): Table {
  const t = L[lang];
  const groups = [{ name: t.all, kinds: r.kinds }, ...r.byProvider, ...r.byDistrict].map((g) => ({
    name: g.name ?? "–",
    kinds: g.kinds,
  }));
  return {
    name: t.usage,
    rows: [
      [t.group, t.kind, t.granted, t.planned, t.used, t.usedMinutes, t.cancelled],
      ...groups.flatMap((g) =>
        g.kinds.map((k): Cell[] => [
          g.name,
          t.kinds[k.kind] ?? k.kind,
          cell(k.granted, threshold),
          cell(k.planned, threshold),
          cell(k.used, threshold),
          cell(k.usedMinutes, threshold),
          cell(k.cancelled, threshold),
        ]),
      ),
    ],
  };
}
