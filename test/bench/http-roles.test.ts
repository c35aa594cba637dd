import { describe, expect, it } from "vitest";
import { roleOf } from "../../bench/http/recorder.js";

// bench:http's "data" route sends only the statements roleOf calls data; everything else is the
// frame the replay pays and the data route must not (issue 19 point 6: like with like).
describe("bench:http statement roles", () => {
  it("keeps the transaction's own statements out of the data", () => {
    expect(roleOf("begin")).toBe("tx");
    expect(roleOf("COMMIT")).toBe("tx");
    expect(roleOf("set local enable_seqscan = off")).toBe("tx");
  });

  it("counts entering and leaving the municipality's row-level security as frame, not data", () => {
    expect(
      roleOf(
        "select set_config('role', 'broen_tenant', true), set_config('broen.municipality_id', $1, true)",
      ),
    ).toBe("tenant");
    expect(roleOf("select current_user = 'broen_tenant' as isolated, set_config('role', 'none', true)")).toBe(
      "tenant",
    );
  });

  // As Broen sends them (bench:http --show-sql), shortened.
  it("tells the session, audit and idempotency statements apart", () => {
    expect(
      roleOf(
        'select "sessions"."token_hash", "sessions"."last_seen_at", "users"."id" from "sessions" inner join "users" on "users"."id" = "sessions"."user_id" where "sessions"."token_hash" = $1',
      ),
    ).toBe("session");
    expect(
      roleOf(
        "insert into audit_events (municipality_id, actor_user_id, actor_role, action, entity_type, entity_id, citizen_id, criterion, ip, user_agent) select $1, $2, $3, e.action from jsonb_array_elements($4::jsonb) with ordinality e",
      ),
    ).toBe("audit");
    expect(
      roleOf(
        "insert into idempotency_keys (user_id, key, request_hash, status_code) values ($1::uuid, $2, $3, 0) on conflict do nothing returning 1 as one",
      ),
    ).toBe("idempotency");
    expect(
      roleOf(
        "update idempotency_keys set status_code = $1, response_body = $2::jsonb where user_id = $3::uuid and key = $4",
      ),
    ).toBe("idempotency");
  });

  it("leaves a route's own reads and writes as data", () => {
    expect(roleOf('select "id", "first_name" from "citizens" where "municipality_id" = $1')).toBe("data");
    expect(roleOf('insert into "clips" ("id") values ($1) returning "id"')).toBe("data");
    expect(roleOf("with matched as (select 1) select * from matched")).toBe("data");
  });
});
