/**
 * Art. 15 means everything: every table of the schema is placed in ACCESS_EXPORT_TABLES, every
 * table with a citizen_id column — or one pointing at a table the export shows — is shown, not
 * excused, and every code a shown column can hold has words. So a new table or a new word of a
 * closed list cannot ship without the export deciding about it.
 */
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import { is } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as schema from "../../db/schema/index.js";
import { ACCESS_EXPORT_CATEGORIES } from "../../../shared/api/privacy-access.js";
import { ACCESS_EXPORT_TABLES } from "./access-export-tables.js";
import {
  OUTBOX_CHANNELS,
  OUTBOX_KINDS,
  OUTBOX_RECIPIENTS,
  OUTBOX_STATUSES,
  MESSAGE_CHANNELS,
} from "../../db/schema/messaging.js";
import da from "../../../shared/i18n/access-export.da.json" with { type: "json" };
import en from "../../../shared/i18n/access-export.en.json" with { type: "json" };
import { CONTACT_KINDS } from "../../../domain/vocabulary/citizens.js";
import {
  CONSENTS,
  EXCLUSION_REASONS,
  JOURNAL_NOTE_KINDS,
  RISK_COLOURS,
  SCREENING_PURPOSES,
  TARGET_GROUP_REASONS,
  TRIAGE_DECISIONS,
} from "../../../domain/vocabulary/detection.js";
import {
  REFERRAL_CHANNELS,
  REFERRAL_SOURCES,
  REFERRAL_STATUSES,
  REFERRAL_STEPS,
} from "../../../domain/vocabulary/referrals.js";
import {
  ACCOMPANIMENT_FORMS,
  CITIZEN_VIEWS,
  CLIP_KINDS,
  CLIP_STATUSES,
  CLOSING_REASONS,
  CONVERSATION_KINDS,
  CONVERSATION_STATUSES,
  COURSE_EVENT_KINDS,
  COURSE_STAGES,
  FOLLOW_UP_RESULTS,
  INTERVENTION_KINDS,
  LONELINESS_TYPES,
  SEVERITIES,
} from "../../../domain/course/vocabulary.js";
import { PLACEMENT_STATUS_ORDER } from "../../../domain/matching/placement-workflow.js";
import { GROUP_SIZES, ISOLATION_LEVELS, TIMES_OF_DAY } from "../../../domain/matching/types.js";
import {
  CONSENT_FIELDS,
  MATCH_KINDS,
  MOBILITY_NEEDS,
  SMALL_COMMUNITY_STATUSES,
  VOLUNTEER_REFERRAL_STATUSES,
} from "../../../domain/vocabulary/placements.js";
import { OUTCOME_PHASES } from "../../../domain/vocabulary/reports.js";
import { REVISED_FIELDS } from "../../../domain/privacy/rectification.js";
import {
  IMPORT_OUTCOMES,
  IMPORT_SOURCES,
  UNMATCHED_REASONS,
} from "../../../domain/care-record/import/records.js";

const tables = (Object.values(schema) as unknown[])
  .filter((t): t is PgTable => is(t, PgTable))
  .map((t) => getTableConfig(t));
const shownTables = new Set(
  Object.entries(ACCESS_EXPORT_TABLES)
    .filter(([, c]) => "shownIn" in c)
    .map(([name]) => name),
);

describe("the access export covers every table", () => {
  it("places every table of the schema, and names no table that does not exist", () => {
    const names = tables.map((t) => t.name).sort();
    expect(names.length).toBeGreaterThan(40);
    expect(names.filter((n) => !(n in ACCESS_EXPORT_TABLES))).toEqual([]);
    expect(Object.keys(ACCESS_EXPORT_TABLES).filter((n) => !names.includes(n))).toEqual([]);
  });

  it("shows every table with a citizen_id column", () => {
    const withCitizen = tables
      .filter((t) => t.columns.some((c) => c.name === "citizen_id"))
      .map((t) => t.name);
    expect(withCitizen).toContain("screenings");
    expect(withCitizen.filter((n) => !shownTables.has(n))).toEqual([]);
  });

  it("shows every table that points at a row the export shows (events, grants, meetings …)", () => {
    const schemaName = (t: PgTable) => getTableConfig(t).name;
    const pointing = tables.filter((t) =>
      t.foreignKeys.some((fk) => {
        const target = schemaName(fk.reference().foreignTable);
        return target !== "citizens" ? shownTables.has(target) : true;
      }),
    );
    expect(pointing.map((t) => t.name)).toContain("course_events");
    expect(pointing.map((t) => t.name).filter((n) => !shownTables.has(n))).toEqual([]);
  });

  it("shows them in the document's categories", () => {
    for (const c of Object.values(ACCESS_EXPORT_TABLES))
      if ("shownIn" in c) expect(ACCESS_EXPORT_CATEGORIES).toContain(c.shownIn);
  });
});

describe("the access export has words for every code", () => {
  const lists: Record<string, readonly (string | number)[]> = {
    fields: REVISED_FIELDS,
    contactKind: CONTACT_KINDS,
    purpose: SCREENING_PURPOSES,
    consent: CONSENTS,
    exclusion: EXCLUSION_REASONS,
    colour: RISK_COLOURS,
    noteKind: JOURNAL_NOTE_KINDS,
    targetGroupReason: TARGET_GROUP_REASONS,
    triageDecision: TRIAGE_DECISIONS,
    referralSource: REFERRAL_SOURCES,
    referralChannel: REFERRAL_CHANNELS,
    referralStatus: REFERRAL_STATUSES,
    referralStep: REFERRAL_STEPS,
    stage: COURSE_STAGES,
    courseEvent: COURSE_EVENT_KINDS,
    closingReason: CLOSING_REASONS,
    conversationKind: CONVERSATION_KINDS,
    conversationStatus: CONVERSATION_STATUSES,
    lonelinessType: LONELINESS_TYPES,
    severity: SEVERITIES,
    citizenView: CITIZEN_VIEWS,
    interventionKind: INTERVENTION_KINDS,
    clipKind: CLIP_KINDS,
    clipStatus: CLIP_STATUSES,
    accompanimentForm: ACCOMPANIMENT_FORMS,
    followUpResult: FOLLOW_UP_RESULTS,
    placementStatus: PLACEMENT_STATUS_ORDER,
    consentField: CONSENT_FIELDS,
    volunteerStatus: VOLUNTEER_REFERRAL_STATUSES,
    matchKind: MATCH_KINDS,
    communityStatus: SMALL_COMMUNITY_STATUSES,
    phase: OUTCOME_PHASES,
    isolation: ISOLATION_LEVELS,
    timeOfDay: TIMES_OF_DAY,
    groupSize: GROUP_SIZES,
    mobility: MOBILITY_NEEDS,
    importSource: IMPORT_SOURCES,
    importOutcome: IMPORT_OUTCOMES,
    importReason: UNMATCHED_REASONS,
    // care_record_deliveries.status (schema/care-record.ts)
    deliveryStatus: ["queued", "sending", "sent", "failed"],
    // outbox_messages (schema/messaging.ts, issue 16)
    outboxKind: OUTBOX_KINDS,
    outboxChannel: OUTBOX_CHANNELS,
    outboxRecipient: OUTBOX_RECIPIENTS,
    outboxStatus: OUTBOX_STATUSES,
    // citizen_messaging_consents (schema/messaging.ts, issue 16)
    messageChannel: MESSAGE_CHANNELS,
    messageLang: ["da", "en"],
  };
  for (const [lang, words] of Object.entries({ da, en }) as [string, Record<string, unknown>][]) {
    it(`in ${lang}`, () => {
      const missing = Object.entries(lists).flatMap(([group, codes]) =>
        codes
          .map(String)
          .filter((code) => typeof (words[group] as Record<string, unknown> | undefined)?.[code] !== "string")
          .map((code) => `${group}.${code}`),
      );
      expect(missing).toEqual([]);
    });
  }
});
