/** The English words of every namespace: a chunk of its own, loaded when English is chosen (i18n/index.ts). */
import common from "./en.json";
import detectionEn from "./detection.en.json";
import coursesEn from "./courses.en.json";
import catalogEn from "./catalog.en.json";
import reportsEn from "./reports.en.json";
import privacyEn from "./privacy.en.json";
import careRecordEn from "./care-record.en.json";
import provisioningEn from "./provisioning.en.json";
import identityEn from "./identity.en.json";
import platformEn from "./platform.en.json";
import messagingEn from "./messaging.en.json";
import wordsEn from "../../shared/i18n/words.en.json";
import { withWords } from "./with-words";

export const en = {
  translation: withWords(common, wordsEn),
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
};
