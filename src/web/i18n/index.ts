/**
 * Danish by default, English on request; the choice is remembered in localStorage and
 * mirrored into <html lang> so screen readers pronounce the page correctly.
 */
import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import { da } from "./resources-da";

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

/**
 * The English words arrive when English is chosen (issue 17 point 2): both languages in the shell
 * were half of its JavaScript, and most users never switch.
 */
async function loadLanguage(language: Language): Promise<void> {
  if (language === "da" || i18n.hasResourceBundle(language, "translation")) return;
  const { en } = await import("./resources-en");
  for (const [ns, words] of Object.entries(en)) i18n.addResourceBundle(language, ns, words, true, true);
}

export async function setLanguage(language: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not remembered, but still switched for this visit.
  }
  await loadLanguage(language);
  await i18n.changeLanguage(language);
}

i18n.on("languageChanged", (lng) => {
  document.documentElement.lang = lng;
});

void i18n.use(initReactI18next).init({
  resources: { da },
  lng: "da",
  fallbackLng: "da",
  interpolation: { escapeValue: false },
  initAsync: false,
});
// A user who chose English gets it from the first paint: the app waits for the words (top-level await).
const chosen = storedLanguage();
if (chosen !== "da") {
  await loadLanguage(chosen).catch(() => undefined);
  if (i18n.hasResourceBundle(chosen, "translation")) await i18n.changeLanguage(chosen);
}
document.documentElement.lang = currentLanguage();

export default i18n;
