/**
 * "Beskeder" (issue 16, decision 0105): the administrator configures how Broen reaches people off
 * the screen — the e-mail and SMS channels, quiet hours — and sees the outbox: every message, its
 * status, attempts and failures. One section per part (the templates' part adds its own).
 */
import { useTranslation } from "react-i18next";
import { AdminFrame } from "../admin/AdminFrame";
import { ChannelsSection } from "./ChannelsSection";
import { OutboxSection } from "./OutboxSection";
import { TemplatesPanel } from "./TemplatesPanel";
import "./messaging.css";

export default function MessagingPage() {
  const { t } = useTranslation("messaging");
  return (
    <AdminFrame title={t("outbox.pageTitle")}>
      <p className="font-lead">{t("outbox.pageLead")}</p>
      <ChannelsSection />
      <TemplatesPanel />
      <OutboxSection />
    </AdminFrame>
  );
}
