import { z } from "zod";
import {
  CreateDistrictBody,
  CreateOrganisationBody,
  CreateMembershipBody,
  CreateUserBody,
  District,
  Organisation,
  ResetPasswordBody,
  UpdateDistrictBody,
  UpdateOrganisationBody,
  UpdateUserBody,
  User,
} from "../../../shared/api/admin.js";
import { IdParams } from "../../../shared/api/common.js";
import type { App } from "../../platform/app-type.js";
import { declareRoute } from "../../platform/route.js";
import { createMembership } from "./memberships.js";
import * as admin from "./service.js";

const tags = ["administration"];
const places = { none: "the municipality's organisations and districts, no person" } as const;
/** Staff accounts are not citizens: their list is not on the audit trail, changes to them are. */
const staffAccounts = {
  none: "the municipality's staff accounts, no citizen; changes to them are audited",
} as const;

export async function adminRoutes(app: App): Promise<void> {
  declareRoute(app, {
    method: "GET",
    url: "/organisations",
    tags,
    summary: "Organisations of the municipality (providers, units, volunteer centre)",
    access: { action: "organisation.list" },
    audit: places,
    response: z.array(Organisation),
    handler: ({ tx, ctx }) => admin.listOrganisations(tx, ctx),
  });

  declareRoute(app, {
    method: "POST",
    url: "/organisations",
    tags,
    summary: "Create an organisation (administrators)",
    access: { action: "admin.manage" },
    audit: places,
    body: CreateOrganisationBody,
    response: Organisation,
    status: 201,
    handler: ({ tx, ctx, body }) => admin.createOrganisation(tx, ctx, body),
  });

  declareRoute(app, {
    method: "PATCH",
    url: "/organisations/:id",
    tags,
    summary: "Rename or deactivate an organisation (administrators)",
    access: { action: "admin.manage" },
    audit: places,
    params: IdParams,
    body: UpdateOrganisationBody,
    response: Organisation,
    handler: ({ tx, ctx, params, body }) => admin.updateOrganisation(tx, ctx, params.id, body),
  });

  declareRoute(app, {
    method: "GET",
    url: "/districts",
    tags,
    summary: "Districts of the municipality",
    access: { action: "organisation.list" },
    audit: places,
    response: z.array(District),
    handler: ({ tx, ctx }) => admin.listDistricts(tx, ctx),
  });

  declareRoute(app, {
    method: "POST",
    url: "/districts",
    tags,
    summary: "Create a district (administrators)",
    access: { action: "admin.manage" },
    audit: places,
    body: CreateDistrictBody,
    response: District,
    status: 201,
    handler: ({ tx, ctx, body }) => admin.createDistrict(tx, ctx, body),
  });

  declareRoute(app, {
    method: "PATCH",
    url: "/districts/:id",
    tags,
    summary: "Rename or deactivate a district (administrators)",
    access: { action: "admin.manage" },
    audit: places,
    params: IdParams,
    body: UpdateDistrictBody,
    response: District,
    handler: ({ tx, ctx, params, body }) => admin.updateDistrict(tx, ctx, params.id, body),
  });

  declareRoute(app, {
    method: "GET",
    url: "/users",
    tags,
    summary: "Users of the municipality (administrators)",
    access: { action: "admin.manage" },
    audit: staffAccounts,
    response: z.array(User),
    handler: ({ tx, ctx }) => admin.listUsers(tx, ctx),
  });

  declareRoute(app, {
    method: "POST",
    url: "/users",
    tags,
    summary: "Create a user; they must change the password at first login",
    access: { action: "admin.manage" },
    audit: { records: [{ action: "create", entity: "user" }] },
    body: CreateUserBody,
    response: User,
    status: 201,
    handler: ({ tx, ctx, body }) => admin.createUser(tx, ctx, body),
  });

  declareRoute(app, {
    method: "POST",
    url: "/users/memberships",
    tags,
    summary: "Give a member of staff of another municipality access here (administrators)",
    description:
      "Decision 0104: by the person's existing username, with a role, organisation and district of this municipality. No password: the person logs in where they always do and switches municipality. An unknown (or inactive) username answers 400 naming `username`; a person who already is a user here 409.",
    access: { action: "admin.manage" },
    audit: { records: [{ action: "create", entity: "user" }] },
    body: CreateMembershipBody,
    response: User,
    status: 201,
    handler: ({ tx, ctx, body }) => createMembership(tx, ctx, body),
  });

  declareRoute(app, {
    method: "PATCH",
    url: "/users/:id",
    tags,
    summary: "Change or deactivate a user (administrators)",
    access: { action: "admin.manage" },
    audit: {
      records: [
        { action: "update", entity: "user" },
        { action: "deactivate", entity: "user" },
      ],
    },
    params: IdParams,
    body: UpdateUserBody,
    response: User,
    handler: ({ tx, ctx, params, body }) => admin.updateUser(tx, ctx, params.id, body),
  });

  declareRoute(app, {
    method: "POST",
    url: "/users/:id/reset-password",
    tags,
    summary: "Set a temporary password and end the user's sessions",
    access: { action: "admin.manage" },
    audit: { records: [{ action: "reset_password", entity: "user" }] },
    params: IdParams,
    body: ResetPasswordBody,
    response: User,
    handler: ({ tx, ctx, params, body }) => admin.resetPassword(tx, ctx, params.id, body.temporaryPassword),
  });

  declareRoute(app, {
    method: "POST",
    url: "/users/:id/unlock",
    tags,
    summary:
      "Lift the waits that wrong passwords put on the user's username, from every address (administrators)",
    access: { action: "admin.manage" },
    audit: { records: [{ action: "unlock", entity: "user" }] },
    params: IdParams,
    response: User,
    handler: ({ tx, ctx, params }) => admin.unlockUser(tx, ctx, params.id),
  });
}
