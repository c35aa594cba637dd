/**
 * The messaging side of the access document (issue 16): each SMS and e-mail to the citizen or their
 * relative — when, by which channel, to whom, its text, and what became of it.
 */
import type { ReactNode } from "react";
import type { AccessExport } from "../../../shared/api/privacy-access";
import { type ExportFormat, Entries, joined } from "./access-export-parts";

export function messagingCategories(doc: AccessExport, f: ExportFormat): Record<string, ReactNode> {
  return {
    outboxMessages: (
      <Entries
        items={doc.outboxMessages}
        title={(m) => `${m.kind} – ${f.at(m.queuedAt)}`}
        facts={(m) => [
          ["channel", m.channel],
          ["messageTo", joined(m.recipient, m.to)],
          ["messageSubject", m.subject],
          ["messageText", <span className="access-pre">{m.text}</span>],
          ["status", m.status],
          ["messageSentAt", f.at(m.sentAt)],
          ["attempts", m.attempts],
        ]}
      />
    ),
  };
}
