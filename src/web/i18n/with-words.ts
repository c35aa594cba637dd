/** The default namespace with the words the server shares (roles, the audit vocabulary). */
import type wordsDa from "../../shared/i18n/words.da.json";

export const withWords = <T extends { audit: object }>(common: T, words: typeof wordsDa) => ({
  ...common,
  roles: words.roles,
  audit: { ...common.audit, ...words.audit },
});
