/**
 * Records of processing (GDPR art. 30, issue 13 point 7): the document, and the controller's and
 * DPO's contacts the administrator writes into it.
 */
import {
  PrivacyContacts,
  RecordsOfProcessing,
  UpdatePrivacyContactsBody,
} from "../../../shared/api/privacy-records.js";
import type { App } from "../../platform/app-type.js";
import { declareRoute } from "../../platform/route.js";
import { recordsOfProcessing, updatePrivacyContacts } from "./records.js";

const tags = ["privacy"];
/** The record describes the processing — organisations, rules, settings — and names no citizen. */
const configurationOnly = { none: "the records of processing describe configuration, no citizen" } as const;

export async function recordsRoutes(app: App): Promise<void> {
  declareRoute(app, {
    method: "GET",
    url: "/privacy/records-of-processing",
    tags,
    summary: "Records of processing (GDPR art. 30) assembled from the municipality's configuration",
    description:
      "Controller and DPO contacts, purposes, categories of citizens and data (special categories and CPR marked), recipients (each volunteer centre, the evaluator, private providers), transfers to third countries, retention per category from the municipality's rules (the shipped defaults where it has none yet) and the security measures Broen takes.",
    access: { action: "privacy.records" },
    audit: configurationOnly,
    response: RecordsOfProcessing,
    handler: ({ tx, ctx }) => recordsOfProcessing(tx, ctx, { secureCookies: app.secureCookies }),
  });

  declareRoute(app, {
    method: "PATCH",
    url: "/privacy/records-of-processing/contacts",
    tags,
    summary: "Write the controller's and the DPO's contacts into the records of processing (administrators)",
    access: { action: "settings.manage" },
    audit: configurationOnly,
    body: UpdatePrivacyContactsBody,
    response: PrivacyContacts,
    handler: ({ tx, ctx, body }) => updatePrivacyContacts(tx, ctx, body),
  });
}
