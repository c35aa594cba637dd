import { z } from "zod";
import { IdParams } from "../../../shared/api/common.js";
import { DefinitionKind, StoredDefinition } from "../../../shared/api/course-definitions.js";
import {
  BookConversationBody,
  CaseloadQuery,
  CitizenCourses,
  CloseCourseBody,
  Conversation,
  Coordinators,
  CourseDetail,
  CourseSummary,
  CreateInterventionBody,
  FollowUpBody,
  Intervention,
  MoveStageBody,
  OpenCourseForCitizenBody,
  PauseBody,
  ReassignBody,
  RecordConversationBody,
  TimelineEntry,
  TimelineQuery,
} from "../../../shared/api/courses.js";
import { DefinitionParams } from "../../../shared/api/punch-card.js";
import type { App } from "../../platform/app-type.js";
import { declareRoute } from "../../platform/route.js";
import {
  bookConversation,
  createIntervention,
  endIntervention,
  recordConversation,
} from "./conversations.js";
import { definitionVersions, listCourseDefinitions, publishCourseDefinition } from "./course-definitions.js";
import {
  caseload,
  citizenCourses,
  close,
  coordinatorsOverview,
  getCourse,
  moveStage,
  openCourseForCitizen,
  pause,
  reassign,
  recordFollowUp,
  resume,
} from "./service.js";
import { citizenTimeline } from "./timeline.js";

const tags = ["courses"];
/** Every change of a course is a course_events row with an "update course" audit entry. */
const courseUpdated = { records: [{ action: "update", entity: "course" }] } as const;
const definitions = { none: "configuration documents (guides, catalogues, the frame), no citizen" } as const;

export async function courseRoutes(app: App): Promise<void> {
  declareRoute(app, {
    method: "GET",
    url: "/courses/caseload",
    tags,
    summary: "Open courses of a coordinator (default: me), for the start page",
    // Another coordinator's or everyone's caseload also needs course.caseloadAll (the service asks).
    access: { action: "course.caseload" },
    // An empty caseload records one search row without a citizen.
    audit: { records: [{ action: "search", entity: "course" }] },
    querystring: CaseloadQuery,
    response: z.array(CourseSummary),
    handler: ({ tx, ctx, query }) => caseload(tx, ctx, query),
  });

  declareRoute(app, {
    method: "GET",
    url: "/courses/coordinators",
    tags,
    summary: "Every coordinator's caseload size (managers)",
    access: { action: "course.caseloadAll" },
    audit: { none: "it counts open courses per coordinator and names no citizen" },
    response: Coordinators,
    handler: ({ tx, ctx }) => coordinatorsOverview(tx, ctx),
  });

  declareRoute(app, {
    method: "GET",
    url: "/citizens/:id/courses",
    tags,
    summary: "The citizen's open course (in full) and closed courses",
    access: { action: "course.read" },
    audit: { records: [{ action: "read", entity: "course" }] },
    params: IdParams,
    response: CitizenCourses,
    handler: ({ tx, ctx, params }) => citizenCourses(tx, ctx, params.id),
  });

  declareRoute(app, {
    method: "POST",
    url: "/citizens/:id/courses",
    tags,
    summary: "Open a course without a referral (coordinators); a citizen has at most one open course",
    access: { action: "course.open" },
    audit: { records: [{ action: "create", entity: "course" }] },
    params: IdParams,
    body: OpenCourseForCitizenBody,
    response: CourseDetail,
    status: 201,
    handler: ({ tx, ctx, params, body }) => openCourseForCitizen(tx, ctx, params.id, body),
  });

  declareRoute(app, {
    method: "GET",
    url: "/citizens/:id/timeline",
    tags,
    summary: "The citizen's course as a timeline, newest first",
    access: { action: "course.read" },
    audit: { records: [{ action: "read", entity: "timeline" }] },
    params: IdParams,
    querystring: TimelineQuery,
    response: z.array(TimelineEntry),
    handler: ({ tx, ctx, params, query }) => citizenTimeline(tx, ctx, params.id, query.limit),
  });

  declareRoute(app, {
    method: "GET",
    url: "/courses/:id",
    tags,
    summary: "One course with history, conversations, interventions, follow-ups and the card",
    access: { action: "course.read" },
    audit: { records: [{ action: "read", entity: "course" }] },
    params: IdParams,
    response: CourseDetail,
    handler: ({ tx, ctx, params }) => getCourse(tx, ctx, params.id),
  });

  declareRoute(app, {
    method: "POST",
    url: "/courses/:id/stage",
    tags,
    summary: "Move the course to another stage (a reason when skipping, going back)",
    access: { action: "course.manage" },
    audit: courseUpdated,
    params: IdParams,
    body: MoveStageBody,
    response: CourseDetail,
    handler: ({ tx, ctx, params, body }) => moveStage(tx, ctx, params.id, body),
  });

  declareRoute(app, {
    method: "POST",
    url: "/courses/:id/pause",
    tags,
    summary: "Pause the course",
    access: { action: "course.manage" },
    audit: courseUpdated,
    params: IdParams,
    body: PauseBody,
    response: CourseDetail,
    handler: ({ tx, ctx, params, body }) => pause(tx, ctx, params.id, body),
  });

  declareRoute(app, {
    method: "POST",
    url: "/courses/:id/resume",
    tags,
    summary: "Resume a paused course",
    access: { action: "course.manage" },
    audit: courseUpdated,
    params: IdParams,
    body: PauseBody,
    response: CourseDetail,
    handler: ({ tx, ctx, params, body }) => resume(tx, ctx, params.id, body),
  });

  declareRoute(app, {
    method: "POST",
    url: "/courses/:id/reassign",
    tags,
    summary: "Give the course to another coordinator (managers)",
    access: { action: "course.reassign" },
    audit: { ...courseUpdated, mayBeEmpty: "the course already has that coordinator (nothing changes)" },
    params: IdParams,
    body: ReassignBody,
    response: CourseDetail,
    handler: ({ tx, ctx, params, body }) => reassign(tx, ctx, params.id, body),
  });

  declareRoute(app, {
    method: "POST",
    url: "/courses/:id/close",
    tags,
    summary: "Close the course with the citizen's own account and a summary for home care",
    access: { action: "course.manage" },
    audit: courseUpdated,
    params: IdParams,
    body: CloseCourseBody,
    response: CourseDetail,
    handler: ({ tx, ctx, params, body }) => close(tx, ctx, params.id, body),
  });

  declareRoute(app, {
    method: "POST",
    url: "/courses/:id/follow-ups",
    tags,
    summary: "Record a follow-up (FSIII E1–E4); E3 closes the course",
    access: { action: "course.manage" },
    // The follow-up itself, and the course's change when it moves stage or closes.
    audit: {
      records: [
        { action: "create", entity: "follow_up" },
        { action: "update", entity: "course" },
      ],
    },
    params: IdParams,
    body: FollowUpBody,
    response: CourseDetail,
    handler: ({ tx, ctx, params, body }) => recordFollowUp(tx, ctx, params.id, body),
  });

  declareRoute(app, {
    method: "POST",
    url: "/courses/:id/bookings",
    tags,
    summary: "Book a visit (clarification, guidance or follow-up)",
    access: { action: "course.manage" },
    audit: { records: [{ action: "create", entity: "conversation" }] },
    params: IdParams,
    body: BookConversationBody,
    response: Conversation,
    status: 201,
    handler: ({ tx, ctx, params, body }) => bookConversation(tx, ctx, params.id, body),
  });

  declareRoute(app, {
    method: "POST",
    url: "/courses/:id/conversations",
    tags,
    summary: "Record a conversation from a guide, with its structured result",
    access: { action: "course.manage" },
    // A booked conversation is updated when it is held; otherwise a new one is created.
    audit: {
      records: [
        { action: "create", entity: "conversation" },
        { action: "update", entity: "conversation" },
      ],
    },
    params: IdParams,
    body: RecordConversationBody,
    response: Conversation,
    status: 201,
    handler: ({ tx, ctx, params, body }) => recordConversation(tx, ctx, params.id, body),
  });

  declareRoute(app, {
    method: "POST",
    url: "/courses/:id/interventions",
    tags,
    summary: "Attach an intervention with the organisation that carries it out",
    access: { action: "course.manage" },
    audit: { records: [{ action: "create", entity: "intervention" }] },
    params: IdParams,
    body: CreateInterventionBody,
    response: Intervention,
    status: 201,
    handler: ({ tx, ctx, params, body }) => createIntervention(tx, ctx, params.id, body),
  });

  declareRoute(app, {
    method: "POST",
    url: "/interventions/:id/end",
    tags,
    summary: "End an intervention",
    access: { action: "course.manage" },
    audit: { records: [{ action: "update", entity: "intervention" }] },
    params: IdParams,
    response: Intervention,
    handler: ({ tx, ctx, params }) => endIntervention(tx, ctx, params.id),
  });

  declareRoute(app, {
    method: "GET",
    url: "/course-definitions",
    tags,
    summary: "Newest active conversation guides, barrier catalogue, interest taxonomy or punch-card frame",
    access: { action: "courseDefinition.read" },
    audit: definitions,
    querystring: z.strictObject({ kind: DefinitionKind }),
    response: z.array(StoredDefinition),
    handler: ({ tx, ctx, query }) => listCourseDefinitions(tx, ctx, query.kind),
  });

  declareRoute(app, {
    method: "GET",
    url: "/course-definitions/:kind/:key/versions",
    tags,
    summary: "Every version of one configuration document",
    access: { action: "courseDefinition.read" },
    audit: definitions,
    params: DefinitionParams,
    response: z.array(StoredDefinition),
    handler: ({ tx, ctx, params }) => definitionVersions(tx, ctx, params.kind, params.key),
  });

  declareRoute(app, {
    method: "PUT",
    url: "/course-definitions/:kind/:key",
    tags,
    summary: "Publish a new version of a configuration document (administrators); past records keep theirs",
    access: { action: "courseDefinition.manage" },
    audit: definitions,
    params: DefinitionParams,
    body: z.record(z.string(), z.unknown()),
    response: StoredDefinition,
    handler: ({ tx, ctx, params, body }) => publishCourseDefinition(tx, ctx, params.kind, params.key, body),
  });
}
