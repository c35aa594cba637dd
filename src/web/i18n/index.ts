/**
 * Danish by default, English on request; the choice is remembered in localStorage and
 * mirrored into <html lang> so screen readers pronounce the page correctly.
 */
import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import da from "./da.json";
import en from "./en.json";
import detectionDa from "./detection.da.json";
import detectionEn from "./detection.en.json";
import coursesDa from "./courses.da.json";
import coursesEn from "./courses.en.json";
import catalogDa from "./catalog.da.json";
import reportsDa from "./reports.da.json";
import reportsEn from "./reports.en.json";
import catalogEn from "./catalog.en.json";
// Words the server writes too (the audit trail's CSV): roles and the audit vocabulary live in shared/.
import wordsDa from "../../shared/i18n/words.da.json";
import wordsEn from "../../shared/i18n/words.en.json";

export const LANGUAGES = ["da", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = "broen.language";

function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    if (value === "da" || value === "en") return value;
  } catch {
    // Storage may be blocked (private mode); Danish is the default anyway.
  }
  return "da";
}

export function currentLanguage(): Language {
  return i18n.language === "en" ? "en" : "da";
}

export async function setLanguage(language: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not remembered, but still switched for this visit.
  }
  await i18n.changeLanguage(language);
}

i18n.on("languageChanged", (lng) => {
  document.documentElement.lang = lng;
});

const withWords = <T extends { audit: object }>(common: T, words: typeof wordsDa) => ({ ...common, roles: words.roles, audit: { ...common.audit, ...words.audit } });

void i18n.use(initReactI18next).init({
  resources: {
    da: { translation: withWords(da, wordsDa), detection: detectionDa, courses: coursesDa, catalog: catalogDa, reports: reportsDa },
    en: { translation: withWords(en, wordsEn), detection: detectionEn, courses: coursesEn, catalog: catalogEn, reports: reportsEn },
  },
  lng: storedLanguage(),
  fallbackLng: "da",
  interpolation: { escapeValue: false },
  initAsync: false,
});
document.documentElement.lang = currentLanguage();

export default i18n;
