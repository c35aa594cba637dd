/**
 * The languages Broen answers in. Its own file so that messages.ts and the per-area message files
 * it merges (messages-catalog.ts …) share the type without importing each other in a circle.
 */
export type Lang = "da" | "en";
