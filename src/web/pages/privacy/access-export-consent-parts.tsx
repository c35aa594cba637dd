/**
 * The citizen's consents to be reached in the access document (issue 16): each recording — consent
 * or not, the channel and where, reminders, the relative's copy — with who recorded it and when.
 */
import type { ReactNode } from "react";
import type { AccessExport } from "../../../shared/api/privacy-access";
import { type ExportFormat, Entries, joined } from "./access-export-parts";

export function consentCategories(doc: AccessExport, f: ExportFormat): Record<string, ReactNode> {
  return {
    messagingConsents: (
      <Entries
        items={doc.messagingConsents}
        title={(c) => f.at(c.recordedAt)}
        facts={(c) => [
          ["messagingConsent", f.yesNo(c.consent)],
          ["channel", c.channel],
          ["phone", c.phone],
          ["email", c.email],
          ["reminders", f.yesNo(c.reminders)],
          ["relative", c.relative],
          [
            "relativeReach",
            c.relativeChannel ? joined(c.relativeChannel, c.relativePhone ?? c.relativeEmail) : null,
          ],
          ["language", c.language],
          ["recordedBy", f.staff(c.recordedBy)],
        ]}
      />
    ),
  };
}
