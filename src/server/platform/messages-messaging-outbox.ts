/** Error messages of the messaging core (issue 16: channels, test message, outbox); merged into ERROR_MESSAGES. */
import type { Lang } from "./lang.js";

export const MESSAGING_OUTBOX_MESSAGES = {
  outbox_message_not_found: { da: "Beskeden findes ikke.", en: "The message does not exist." },
  outbox_not_failed: {
    da: "Kun en besked, der ikke kunne sendes, kan prøves igen.",
    en: "Only a message that could not be sent can be retried.",
  },
  outbox_not_queued: {
    da: "Kun en besked, der venter på at blive sendt, kan annulleres.",
    en: "Only a message waiting to be sent can be cancelled.",
  },
  messaging_channel_not_ready: {
    da: "Kanalen er ikke slået til eller mangler sine indstillinger. Gem indstillingerne først.",
    en: "The channel is switched off or lacks its settings. Save the settings first.",
  },
} as const satisfies Record<string, Record<Lang, string>>;
