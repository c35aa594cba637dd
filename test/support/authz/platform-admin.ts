/**
 * Authorisation-matrix rows of the platform administration (issue 15 point 3). Its routes take a
 * platform administrator's session, never a staff one: every caller of the matrix — signed in or
 * not, the administrator included — is refused 401 (`bearerOnly`). Login and logout are open to
 * all (an empty login body is refused 400, after the access check); /api/platform/me answers
 * { admin: null } to anyone without a platform session. What a platform session reaches is tested in
 * src/server/modules/platform-admin/platform-admin.int.test.ts.
 */
import { EVERYONE, type MatrixPart } from "./common.js";

export const platformAdminPart: MatrixPart = {
  rows: {
    "POST /api/platform/login": { allow: EVERYONE, request: () => ({ body: {} }) },
    "POST /api/platform/logout": { allow: EVERYONE },
    "GET /api/platform/me": { allow: EVERYONE },
    "GET /api/platform/municipalities": { allow: [], bearerOnly: true },
    "POST /api/platform/municipalities": {
      allow: [],
      bearerOnly: true,
      request: () => ({
        body: {
          name: "Matrix Kommune",
          code: "0990",
          admin: { username: "matrix-admin", displayName: "Matrix Admin", password: "matrix-start-kode-1" },
        },
      }),
    },
  },
};
