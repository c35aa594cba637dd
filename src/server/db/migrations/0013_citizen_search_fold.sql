-- Citizen search by name and address (decision 0088). pg_trgm gives the trigram GIN operator class,
-- btree_gin lets the same GIN index hold the municipality. Both are PostgreSQL contrib; PGlite loads
-- them through the constructor's extensions (db/client.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS btree_gin;--> statement-breakpoint
-- The Danish-aware folding both the index and the query apply: lower case; the foreign forms of the
-- Danish letters as the letters (Ä ä → æ, Ö ö → ø); other accents dropped (é → e, ü → u, ç → c, ñ → n);
-- and å written the old way, so "Aabenraa" and "Åbenrå" are the same word ("aabenraa"). Æ, ø and å
-- stay letters of their own: "sorensen" does not find "Sørensen". Upper-case non-ASCII letters are in
-- the translate() list, so the result does not depend on the database's LC_CTYPE.
-- IMMUTABLE: its result depends on the argument only, so an index may use it.
CREATE OR REPLACE FUNCTION danish_search_fold(input text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN replace(
    translate(
      lower(input),
      'ÆØÅÄÖäöÉÈÊËéèêëÁÀÂáàâÍÌÎÏíìîïÓÒÔóòôÚÙÛÜúùûüÝýÇçÑñ',
      'æøåæøæøeeeeeeeeaaaaaaiiiiiiiioooooouuuuuuuuyyccnn'
    ),
    'å',
    'aa'
  );
