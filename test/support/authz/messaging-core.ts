/**
 * Authorisation-matrix rows of the messaging core (issue 16, decision 0105): the channels and the
 * outbox are the administrator's alone. The writes change nothing: the settings are sent from a
 * version no row has (409 after the policy), the test message finds its channel off (409), and
 * retry/cancel name a message that does not exist (404).
 */
import { ADMIN, type MatrixPart, NO_SUCH_ID } from "./common.js";

const settings = {
  version: 999,
  emailEnabled: false,
  smtpHost: null,
  smtpPort: null,
  smtpSecure: false,
  smtpUser: null,
  emailFrom: null,
  smsEnabled: false,
  smsUrl: null,
  smsSender: null,
  quietFrom: "20:00",
  quietTo: "08:00",
  digestHour: 7,
  maxAttempts: 6,
};

const OWN = "the caller's own municipality's messaging settings";

export const messagingCorePart: MatrixPart = {
  rows: {
    "GET /api/messaging/settings": { allow: ADMIN, noReference: OWN },
    "PUT /api/messaging/settings": { allow: ADMIN, request: () => ({ body: settings }), noReference: OWN },
    "POST /api/messaging/settings/test": {
      allow: ADMIN,
      request: () => ({ body: { channel: "email", to: "admin@example.dk" } }),
      noReference: "a test message through the caller's own municipality's channels",
    },
    "GET /api/messaging/outbox": { allow: ADMIN, noReference: "a list of the caller's own municipality" },
    "GET /api/messaging/outbox/:id": {
      allow: ADMIN,
      request: () => ({ url: `/api/messaging/outbox/${NO_SUCH_ID}` }),
    },
    "POST /api/messaging/outbox/:id/retry": {
      allow: ADMIN,
      request: () => ({ url: `/api/messaging/outbox/${NO_SUCH_ID}/retry`, body: {} }),
    },
    "POST /api/messaging/outbox/:id/cancel": {
      allow: ADMIN,
      request: () => ({ url: `/api/messaging/outbox/${NO_SUCH_ID}/cancel`, body: {} }),
    },
  },
};
