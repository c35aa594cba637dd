-- Catalog text search under row-level security (decision 0109). `@@` is not leakproof, so under the
-- tenant policy PostgreSQL never uses catalog_activities_search_idx for it and every activity of
-- the municipality was read and matched (20,000: "gymnastik" 11 → 47 ms). Like broen_citizens_named
-- (0031): the ids come through the index as the owner, only for the municipality asked for and never
-- another than a tenant transaction's own; the search then reads those rows under the policy.
CREATE OR REPLACE FUNCTION broen_activities_matching(municipality uuid, query tsquery) RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp ROWS 500
AS $$
  SELECT id FROM catalog_activities
  WHERE municipality_id = $1
    AND $1 = coalesce(nullif(current_setting('broen.municipality_id', true), '')::uuid, $1)
    AND search @@ $2
$$;
