/**
 * The web app's words, per language and namespace: the default namespace ("translation": da.json /
 * en.json with the words the server shares, src/shared/i18n/words.*.json) and one namespace per
 * large feature. Pure data, so the i18n key test reads exactly what the app loads.
 */
import da from "./da.json";
import en from "./en.json";
import detectionDa from "./detection.da.json";
import detectionEn from "./detection.en.json";
import coursesDa from "./courses.da.json";
import coursesEn from "./courses.en.json";
import catalogDa from "./catalog.da.json";
import catalogEn from "./catalog.en.json";
import reportsDa from "./reports.da.json";
import reportsEn from "./reports.en.json";
import privacyDa from "./privacy.da.json";
import privacyEn from "./privacy.en.json";
import careRecordDa from "./care-record.da.json";
import careRecordEn from "./care-record.en.json";
import provisioningDa from "./provisioning.da.json";
import provisioningEn from "./provisioning.en.json";
import identityDa from "./identity.da.json";
import identityEn from "./identity.en.json";
import platformDa from "./platform.da.json";
import platformEn from "./platform.en.json";
import messagingDa from "./messaging.da.json";
import messagingEn from "./messaging.en.json";
// Words the server writes too (the audit trail's CSV): roles and the audit vocabulary live in shared/.
import wordsDa from "../../shared/i18n/words.da.json";
import wordsEn from "../../shared/i18n/words.en.json";

const withWords = <T extends { audit: object }>(common: T, words: typeof wordsDa) => ({
  ...common,
  roles: words.roles,
  audit: { ...common.audit, ...words.audit },
});

export const resources = {
  da: {
    translation: withWords(da, wordsDa),
    detection: detectionDa,
    courses: coursesDa,
    catalog: catalogDa,
    reports: reportsDa,
    privacy: privacyDa,
    careRecord: careRecordDa,
    provisioning: provisioningDa,
    identity: identityDa,
    platform: platformDa,
    messaging: messagingDa,
  },
  en: {
    translation: withWords(en, wordsEn),
    detection: detectionEn,
    courses: coursesEn,
    catalog: catalogEn,
    reports: reportsEn,
    privacy: privacyEn,
    careRecord: careRecordEn,
    provisioning: provisioningEn,
    identity: identityEn,
    platform: platformEn,
    messaging: messagingEn,
  },
};

export type Namespace = keyof (typeof resources)["da"];
