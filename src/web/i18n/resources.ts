/**
 * The web app's words, per language and namespace: the default namespace ("translation": da.json /
 * en.json with the words the server shares, src/shared/i18n/words.*.json) and one namespace per
 * large feature. Pure data, so the i18n key test reads exactly what the app loads.
 */
import { da } from "./resources-da";
import { en } from "./resources-en";

export const resources = { da, en };

export type Namespace = keyof (typeof resources)["da"];
