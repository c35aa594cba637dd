/**
 * A fictitious citizen's punch-card work as CitizenCareData, for the builders' and the
 * validator's tests (and anyone else's): every part the builders turn into a resource, once.
 * The CPR is from the fictitious range of the demo data (day 01, sequence 4000+).
 */
import { type CitizenCareData, latestUpdate } from "./care-data.js";

const at = (iso: string): Date => new Date(iso);

export function sampleCareData(
  overrides: Partial<Omit<CitizenCareData, "lastUpdated">> = {},
): CitizenCareData {
  const citizenId = "0b7e7f4e-1c1a-4d5e-9a53-3a1d2f000001";
  const courseId = "0b7e7f4e-1c1a-4d5e-9a53-3a1d2f000002";
  const data: Omit<CitizenCareData, "lastUpdated"> = {
    citizenId,
    municipalityId: "0b7e7f4e-1c1a-4d5e-9a53-3a1d2f0000aa",
    cpr: "010150-4001",
    providerOrganisationId: "0b7e7f4e-1c1a-4d5e-9a53-3a1d2f0000bb",
    providerSorCode: "123456789012345",
    homeCareSince: "2026-01-05",
    homeCareEndedOn: null,
    citizenUpdatedAt: at("2026-01-05T09:00:00.000Z"),
    assessments: [
      {
        id: "0b7e7f4e-1c1a-4d5e-9a53-3a1d2f000010",
        courseId,
        severity: 3,
        citizenView: "D2",
        assessedAt: at("2026-02-02T10:00:00.000Z"),
      },
      {
        id: "0b7e7f4e-1c1a-4d5e-9a53-3a1d2f000011",
        courseId,
        severity: 1,
        citizenView: null,
        assessedAt: at("2026-05-04T10:00:00.000Z"),
      },
    ],
    courses: [
      {
        id: courseId,
        stage: "follow_up",
        openedAt: at("2026-02-01T08:00:00.000Z"),
        closedAt: null,
        nextFollowUpOn: "2026-08-03",
        lastUpdated: at("2026-05-04T10:05:00.000Z"),
      },
    ],
    punchCards: [
      {
        courseId,
        grantedFrom: "2026-02-10",
        endedAt: null,
        grantedClips: { accompaniment: 6, participation: 4 },
        lastUpdated: at("2026-02-10T12:00:00.000Z"),
      },
    ],
    interventions: [
      {
        id: "0b7e7f4e-1c1a-4d5e-9a53-3a1d2f000020",
        courseId,
        kind: "screening_conversation",
        startedOn: "2026-02-02",
        endedAt: at("2026-02-02T11:00:00.000Z"),
        lastUpdated: at("2026-02-02T11:00:00.000Z"),
      },
      {
        id: "0b7e7f4e-1c1a-4d5e-9a53-3a1d2f000021",
        courseId,
        kind: "accompaniment",
        startedOn: "2026-02-10",
        endedAt: null,
        lastUpdated: at("2026-02-10T12:00:00.000Z"),
      },
    ],
    clips: [
      {
        id: "0b7e7f4e-1c1a-4d5e-9a53-3a1d2f000030",
        courseId,
        interventionId: "0b7e7f4e-1c1a-4d5e-9a53-3a1d2f000021",
        kind: "accompaniment",
        accompanimentForm: "to_from",
        performedOn: "2026-02-17",
        actualMinutes: 90,
        lastUpdated: at("2026-02-17T15:00:00.000Z"),
      },
    ],
    conversations: [
      {
        id: "0b7e7f4e-1c1a-4d5e-9a53-3a1d2f000040",
        courseId,
        kind: "clarification",
        status: "held",
        scheduledAt: at("2026-02-02T09:00:00.000Z"),
        heldAt: at("2026-02-02T09:00:00.000Z"),
        lastUpdated: at("2026-02-02T10:00:00.000Z"),
      },
      {
        id: "0b7e7f4e-1c1a-4d5e-9a53-3a1d2f000041",
        courseId,
        kind: "follow_up",
        status: "booked",
        scheduledAt: at("2026-08-03T09:00:00.000Z"),
        heldAt: null,
        lastUpdated: at("2026-05-04T10:05:00.000Z"),
      },
    ],
    followUps: [
      {
        id: "0b7e7f4e-1c1a-4d5e-9a53-3a1d2f000050",
        courseId,
        result: "E1",
        performedAt: at("2026-05-04T10:05:00.000Z"),
      },
    ],
    tils: [
      {
        id: "0b7e7f4e-1c1a-4d5e-9a53-3a1d2f000060",
        definitionVersion: 1,
        answers: { isoleret: "ofte", savner_nogen: "en_gang_imellem", udenfor: "ofte" },
        score: 8,
        outcomeKey: "ensom",
        performedAt: at("2026-01-20T10:00:00.000Z"),
      },
    ],
    ...overrides,
  };
  return { ...data, lastUpdated: latestUpdate(data) };
}
