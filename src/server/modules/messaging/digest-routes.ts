/** The user's own digest choices (issue 16 point 2): GET/PUT /api/me/notifications. */
import {
  NotificationPreferences,
  UpdateNotificationPreferencesBody,
} from "../../../shared/api/messaging-digest.js";
import type { App } from "../../platform/app-type.js";
import { declareRoute } from "../../platform/route.js";
import { getNotificationPreferences, saveNotificationPreferences } from "./digest-preferences.js";

const tags = ["messaging"];
const own = { none: "the caller's own notification choices, no citizen" } as const;

export async function digestRoutes(app: App): Promise<void> {
  declareRoute(app, {
    method: "GET",
    url: "/me/notifications",
    tags,
    summary: "My daily digest: address, on/off, and my role's topics with the ones I switched off",
    access: { action: "notifications.own" },
    audit: own,
    response: NotificationPreferences,
    handler: ({ tx, ctx }) => getNotificationPreferences(tx, ctx),
  });

  declareRoute(app, {
    method: "PUT",
    url: "/me/notifications",
    tags,
    summary: "Save my daily digest choices (version from the last read; a stale one is 409)",
    access: { action: "notifications.own" },
    audit: own,
    body: UpdateNotificationPreferencesBody,
    response: NotificationPreferences,
    handler: ({ tx, ctx, body }) => saveNotificationPreferences(tx, ctx, body),
  });
}
