/**
 * Danish by default, English on request; the choice is remembered in localStorage and
 * mirrored into <html lang> so screen readers pronounce the page correctly.
 */
import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import { resources } from "./resources";

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

void i18n.use(initReactI18next).init({
  resources,
  lng: storedLanguage(),
  fallbackLng: "da",
  interpolation: { escapeValue: false },
  initAsync: false,
});
document.documentElement.lang = currentLanguage();

export default i18n;
