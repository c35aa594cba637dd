/**
 * Every table of the schema and where the access export shows it — or why it holds nothing of the
 * citizen that the export owes them. access-export-tables.test.ts fails when a table is added to
 * src/server/db/schema/ without a line here, and when a table with a citizen_id column (or one that
 * points at a table the export shows) is excused instead of shown: art. 15 means everything.
 */
import type { AccessExportCategory } from "../../../shared/api/privacy-access.js";

export type TableCoverage = { shownIn: AccessExportCategory } | { notCitizenData: string };

const shown = (category: AccessExportCategory): TableCoverage => ({ shownIn: category });
const none = (why: string): TableCoverage => ({ notCitizenData: why });

export const ACCESS_EXPORT_TABLES: Record<string, TableCoverage> = {
  // The register and its history
  citizens: shown("citizen"),
  citizen_contacts: shown("contacts"),
  citizen_revisions: shown("corrections"),
  citizen_restrictions: shown("restrictions"),
  target_group_changes: shown("targetGroupChanges"),
  audit_events: shown("auditTrail"),
  // Detection and referrals
  screenings: shown("screenings"),
  journal_notes: shown("journalNotes"),
  triage_decisions: shown("triageDecisions"),
  // The meeting's day and district are shown with each decision; its other rows are other citizens'.
  triage_meetings: shown("triageDecisions"),
  detection_clips: shown("detectionClips"),
  referrals: shown("referrals"),
  referral_events: shown("referrals"),
  // The course and the punch card
  courses: shown("courses"),
  course_events: shown("courses"),
  conversations: shown("conversations"),
  condition_assessments: shown("conditionAssessments"),
  interventions: shown("interventions"),
  clip_grants: shown("grants"),
  clips: shown("clips"),
  // Punch-card use's monthly sums of the clips above (derived by triggers; nothing of its own).
  clip_use_months: shown("clips"),
  follow_ups: shown("followUps"),
  placements: shown("placements"),
  placement_events: shown("placements"),
  volunteer_referrals: shown("volunteerReferrals"),
  small_community_members: shown("smallCommunities"),
  small_communities: shown("smallCommunities"),
  // Days and places of the meetings while the citizen was a member; the notes are the group's.
  small_community_meetings: shown("smallCommunities"),
  outcome_measurements: shown("outcomeMeasurements"),
  // The exchange with the care record (issue 14): a pending import's rows naming the citizen, and
  // the sending of their punch-card work to the care record (a recipient, art. 15(1)(c)).
  care_record_import_rows: shown("careRecordImports"),
  care_record_deliveries: shown("careRecordDeliveries"),
  // The SMS and e-mails sent to the citizen or their relative (issue 16).
  outbox_messages: shown("outboxMessages"),
  // The citizen's consent to be reached, each recording (issue 16).
  citizen_messaging_consents: shown("messagingConsents"),

  // Configuration: its words appear where a row uses them (questions with the answers, guides' themes).
  questionnaire_definitions: none("questionnaires' wording; the questions appear with each answer"),
  course_definitions: none("guides and catalogues; their words appear with each conversation"),
  municipality_settings: none("the municipality's settings"),
  hour_budgets: none("hours of home-care units, no citizen"),
  // Municipal login and provisioning (issue 15): staff and configuration, no citizen.
  identity_providers: none("the municipality's identity provider and its claim mapping"),
  oidc_login_states: none("a staff login under way, minutes long"),
  external_identities: none("staff users as the identity provider knows them"),
  // Reaching people off the screen (issue 16): configuration and staff choices, no citizen. The
  // citizen's consents and the messages sent to them (citizen_messaging_consents, outbox_messages)
  // are shown in the export.
  messaging_settings: none("the municipality's e-mail and SMS channels and quiet hours"),
  message_templates: none("the texts of the messages; each message's own text is shown with it"),
  staff_notification_preferences: none("what a staff member receives in their digest"),
  scim_tokens: none("the provisioning endpoint's tokens"),
  platform_admins: none("the installation's platform administrators"),
  platform_sessions: none("the platform administrators' sessions"),
  catalog_organisations: none("the activity catalog; an association is named with its placement"),
  catalog_activities: none("the activity catalog; an activity is named with its placement"),
  catalog_versions: none("the catalog's change counter"),
  catalog_changes: none("changes to the activity catalog, no citizen"),
  retention_rules: none("how long each kind of data is kept (configuration)"),
  retention_runs: none("runs of the retention rules: counts, no citizen"),
  deletion_records: none("what was deleted, counted — by design without a link to the citizen"),
  // Staff and the installation
  municipalities: none("the municipality itself (named in the document's header)"),
  organisations: none("organisations; named wherever a row points at one"),
  districts: none("districts; named wherever a row points at one"),
  users: none("staff; named by name and role wherever they acted"),
  sessions: none("staff sign-in sessions"),
  login_throttle: none("failed sign-ins of staff"),
  rate_limit_counters: none("request counters per address"),
  security_events: none("the staff's security log"),
  // A worker's own subscription (its token is a secret of the worker): the clips it shows are under clips.
  calendar_feeds: none("a worker's calendar subscription; the citizen's planned clips are under clips"),
  // A write's stored first answer, for a repeat of the same request: a short-lived technical copy of
  // what the other categories show, removed after use by the retention rules (issue 13 point 4).
  idempotency_keys: none("short-lived copies of write answers, removed after use"),
  // The exchange with the care record (issue 14): configuration and counts. A run's rows that name
  // the citizen are shown (care_record_import_rows); the run itself holds counts and a file name.
  care_record_import_runs: none(
    "imports of the home-care population: counts, no citizen (their rows are shown)",
  ),
  care_record_sources: none("the municipality's care-record server to import from (configuration)"),
  care_record_push_targets: none("where punch-card work is sent (configuration); each sending is shown"),
  fhir_clients: none("systems allowed to read the FHIR API; their reads are on the audit trail"),
  fhir_access_tokens: none("the FHIR API clients' short-lived tokens (hashes), no citizen"),
};
