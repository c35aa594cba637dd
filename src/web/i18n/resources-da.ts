/** The Danish words of every namespace: in the shell, Danish is the default language. */
import common from "./da.json";
import detectionDa from "./detection.da.json";
import coursesDa from "./courses.da.json";
import catalogDa from "./catalog.da.json";
import reportsDa from "./reports.da.json";
import privacyDa from "./privacy.da.json";
import careRecordDa from "./care-record.da.json";
import provisioningDa from "./provisioning.da.json";
import identityDa from "./identity.da.json";
import platformDa from "./platform.da.json";
import messagingDa from "./messaging.da.json";
import wordsDa from "../../shared/i18n/words.da.json";
import { withWords } from "./with-words";

export const da = {
  translation: withWords(common, wordsDa),
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
};
