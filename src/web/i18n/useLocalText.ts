/** Texts stored in both languages (questionnaires, definitions): the reader's language or Danish. */
import { useTranslation } from "react-i18next";

/** A text in the chosen language, falling back to Danish (marked lang="da" for screen readers). */
export function useLocalText() {
  const { i18n } = useTranslation();
  const lang = i18n.language === "en" ? "en" : "da";
  return (
    text: { da: string; en?: string | null | undefined } | undefined,
  ): { text: string; lang: string | undefined } => {
    if (!text) return { text: "", lang: undefined };
    if (lang === "en" && text.en) return { text: text.en, lang: undefined };
    return { text: text.da, lang: lang === "en" ? "da" : undefined };
  };
}
