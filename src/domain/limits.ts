/**
 * Broen's bounds on what people type and ask for: text lengths, page size, password length.
 * The API schemas, the server and the web forms read them here, so a field is refused for the
 * same length everywhere.
 */
export const LIMITS = {
  name: 100,
  shortText: 200,
  address: 200,
  phone: 20,
  note: 2000,
  search: 100,
  pageSizeMax: 100,
  username: 60,
  passwordMin: 12,
  passwordMax: 200,
} as const;
