/**
 * Authorisation-matrix rows of the citizen's side of messaging (issue 16): consent (the register's
 * editors), templates (the administrator), the coordinator's message (the coordinator). Citizen
 * routes use the fixture's public-provider citizen (private staff are denied).
 */
import { ADMIN, COORDINATOR, EDITORS, type MatrixPart } from "./common.js";

const consent = {
  consent: true,
  channel: "sms",
  phone: "22334455",
  email: null,
  remindersEnabled: true,
  relativeContactId: null,
  relativeChannel: null,
  relativePhone: null,
  relativeEmail: null,
  lang: "da",
};
const message = { templateKey: "citizen.general" };

export const messagingCitizenPart: MatrixPart = {
  rows: {
    "GET /api/citizens/:id/messaging-consent": { allow: EDITORS },
    "PUT /api/citizens/:id/messaging-consent": { allow: EDITORS, request: () => ({ body: consent }) },
    "GET /api/messaging/templates": { allow: ADMIN },
    "POST /api/messaging/templates/:key/:lang": {
      allow: ADMIN,
      request: () => ({
        url: "/api/messaging/templates/citizen.general/da",
        body: { subject: null, body: "Hej {fornavn}" },
      }),
    },
    "GET /api/messaging/templates/:key/:lang/history": {
      allow: ADMIN,
      request: () => ({ url: "/api/messaging/templates/citizen.general/da/history" }),
    },
    "POST /api/citizens/:id/messages/preview": { allow: COORDINATOR, request: () => ({ body: message }) },
    "POST /api/citizens/:id/messages": { allow: COORDINATOR, request: () => ({ body: message }) },
    "GET /api/citizens/:id/messages": { allow: COORDINATOR },
  },
};
