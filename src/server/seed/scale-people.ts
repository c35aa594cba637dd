/**
 * The people and organisations of the national-scale data (scale.ts): the 98 municipalities with
 * their organisations, districts and users, each municipality's settings and shipped
 * definitions, and the citizens.
 *
 * Builds temporary tables (dropped at commit): scale_lists (the name lists) and the two that the
 * steps of scale-history.ts read, scale_m (one row per municipality: number m, code, id, citizen
 * count, districts, private providers, coordinators nc, its T-ILS definition and punch-card
 * policy) and scale_c (one row per citizen: number n, id, provider slot p, district k, detection forms kc, and the ids
 * of its provider, home-care worker and district).
 *
 * CPR numbers follow the demo rule (domain/cpr.ts): a 1926–1952 birth date, seventh digit 0–3,
 * failing modulus 11. Within a municipality (birth date, first three serial digits) is unique by
 * construction: the j-th citizen is born on day (j·7919 + m·131) mod 9855 after 1926-01-01 with
 * serial (j·37 + m) mod 400; two citizens share both only if 400·1971 divides their distance.
 */
import { sql } from "drizzle-orm";
import type { Tx } from "../db/client.js";
import { installShippedCourseDefinitions } from "../modules/courses/index.js";
import { installShippedQuestionnaires } from "../modules/questionnaires/index.js";
import { installShippedRetentionRules } from "../modules/privacy/index.js";
import { danishSortKey } from "../../domain/danish-text.js";
import { FEMALE_NAMES, LAST_NAMES, MALE_NAMES, STREETS, TOWNS } from "./names.js";
import {
  org,
  pick,
  r,
  run,
  scalar,
  textArray,
  uid,
  user,
  workerSlot,
  type ScaleContext,
  type ScaleStep,
} from "./scale-sql.js";

/** Runs the steps from the municipalities to the citizens, each through `step`, first in the generator's transaction. */
export async function seedPeople(tx: Tx, step: ScaleStep, context: ScaleContext): Promise<void> {
  const { citizenTarget, passwordHash } = context;

  // Municipalities: sizes fall off like Denmark's (0901 the largest, ~6 % of the citizens; the smallest ~0.4 %).
  await step("municipalities", async () => {
    await run(
      tx,
      `create temp table scale_m on commit drop as
        with w as (
          select m, (1.0 / power(m + 2, 0.8)) * (case when m = 1 then 1.0 else 0.85 + 0.3 * ${r("m", 1)} end) as w
          from generate_series(1, ${context.municipalities}) m
        ), n as (select m, greatest(20, round(${citizenTarget} * w / sum(w) over ()))::int as n from w)
        select m, lpad((900 + m)::text, 4, '0') as code, 'Testkommune ' || lpad(m::text, 2, '0') as name, ${uid("m", "m")} as mid, n,
          (sum(n) over (order by m) - n)::bigint as first_n, 3 + floor(${r("m", 2)} * 3)::int as nd, 1 + (${r("m", 3)} < 0.5)::int as npriv,
          greatest(3, round(n / 650.0))::int as nc, null::uuid as tils, null::uuid as policy
        from n`,
    );
    await run(
      tx,
      `create temp table scale_lists (f text[], fk text[], mn text[], mk text[], ln text[], lk text[], streets text[], cities text[], postal text[]) on commit drop`,
    );
    const lists = [
      FEMALE_NAMES,
      FEMALE_NAMES.map(danishSortKey),
      MALE_NAMES,
      MALE_NAMES.map(danishSortKey),
      LAST_NAMES,
      LAST_NAMES.map(danishSortKey),
      STREETS,
      TOWNS.map((t) => t.city),
      TOWNS.map((t) => t.postalCode),
    ];
    await tx.execute(sql`insert into scale_lists values (${sql.join(lists.map(textArray), sql`, `)})`);
    return run(
      tx,
      `insert into municipalities (id, name, code, created_at) select mid, name, code, now() - interval '4 years' from scale_m order by m`,
    );
  });

  await step("organisations", () =>
    run(
      tx,
      `insert into organisations (id, municipality_id, name, kind, created_at)
        select ${org("sm.m", "o.slot")}, sm.mid, replace(o.name, '{m}', sm.name), o.kind, now() - interval '4 years'
        from scale_m sm cross join (values
          (1, 'Hjemmeplejen', 'public_provider'), (2, 'Privathjælpen', 'private_provider'), (3, 'Kær Pleje', 'private_provider'),
          (4, 'Aktivitet Fællesskab', 'coordinator_unit'), (5, 'Frivilligcenter {m}', 'volunteer_centre'), (6, 'Ældre og Sundhed, {m}', 'administration')
        ) o(slot, name, kind)
        where o.slot <> 3 or sm.npriv = 2
        order by sm.m, o.slot`,
    ),
  );

  await step("districts", () =>
    run(
      tx,
      `insert into districts (id, municipality_id, name, created_at)
        select ${uid("d", "sm.m", "k")}, sm.mid, (array['Distrikt Nord', 'Distrikt Syd', 'Distrikt Øst', 'Distrikt Vest', 'Distrikt Midt'])[k], now() - interval '4 years'
        from scale_m sm cross join lateral generate_series(1, sm.nd) k order by sm.m, k`,
    ),
  );

  // Slots: 1 manager, 2 administrator, 3 evaluator, 4 volunteer centre, 5–7 and 18 on coordinators, 8 planner, 9 team leader (public),
  // 10 team leader (private), 11–15 home-care worker of district 1–5, 16–17 worker of private provider A/B.
  await step("users", async () => {
    const [head, tail] =
      `insert into users (id, municipality_id, organisation_id, district_id, username, display_name, role, password_hash, created_at, updated_at)
        select ${user("sm.m", "u.slot")}, sm.mid, ${org("sm.m", "u.org")},
          case when u.district is not null then ${uid("d", "sm.m", "u.district")} end,
          replace(u.username, '{c}', sm.code), replace(u.display, '{c}', sm.code), u.role, $hash, now() - interval '4 years', now() - interval '4 years'
        from scale_m sm cross join (values
          (1, 6, null::int, 'leder.{c}', 'Leder {c}', 'manager'),
          (2, 6, null, 'admin.{c}', 'Administrator {c}', 'administrator'),
          (3, 6, null, 'evaluator.{c}', 'Evaluator {c}', 'evaluator'),
          (4, 5, null, 'frivillig.{c}', 'Frivilligmedarbejder {c}', 'volunteer_centre_staff'),
          (5, 4, null, 'koordinator.{c}.1', 'Koordinator {c}-1', 'community_coordinator'),
          (6, 4, null, 'koordinator.{c}.2', 'Koordinator {c}-2', 'community_coordinator'),
          (7, 4, null, 'koordinator.{c}.3', 'Koordinator {c}-3', 'community_coordinator'),
          (8, 1, 1, 'planlaegger.{c}', 'Planlægger {c}', 'planner'),
          (9, 1, 1, 'teamleder.{c}', 'Teamleder {c}', 'team_leader'),
          (10, 2, null, 'teamleder.{c}.privat', 'Teamleder privat {c}', 'team_leader'),
          (11, 1, 1, 'hjemmehjaelper.{c}.1', 'Hjemmehjælper {c}-1', 'home_care_worker'),
          (12, 1, 2, 'hjemmehjaelper.{c}.2', 'Hjemmehjælper {c}-2', 'home_care_worker'),
          (13, 1, 3, 'hjemmehjaelper.{c}.3', 'Hjemmehjælper {c}-3', 'home_care_worker'),
          (14, 1, 4, 'hjemmehjaelper.{c}.4', 'Hjemmehjælper {c}-4', 'home_care_worker'),
          (15, 1, 5, 'hjemmehjaelper.{c}.5', 'Hjemmehjælper {c}-5', 'home_care_worker'),
          (16, 2, null, 'privat.{c}.1', 'Privat hjælper {c}-1', 'home_care_worker'),
          (17, 3, null, 'privat.{c}.2', 'Privat hjælper {c}-2', 'home_care_worker')
        ) u(slot, org, district, username, display, role)
        where (u.district is null or u.district <= sm.nd) and (u.org <> 3 or sm.npriv = 2)
        order by sm.m, u.slot`.split("$hash") as [string, string];
    const n = (await tx.execute(sql`${sql.raw(head)}${passwordHash}${sql.raw(tail)}`)) as unknown as {
      rowCount: number;
    };
    // Coordinators beyond the first three (slots 18 on): a municipality keeps about one for every 650 citizens, so
    // a coordinator carries ~40 open courses in the largest (issue 19's caseload) as in the smallest.
    const [moreHead, moreTail] =
      `insert into users (id, municipality_id, organisation_id, district_id, username, display_name, role, password_hash, created_at, updated_at)
        select ${user("sm.m", "14 + j")}, sm.mid, ${org("sm.m", "4")}, null, 'koordinator.' || sm.code || '.' || j,
          'Koordinator ' || sm.code || '-' || j, 'community_coordinator', $hash, now() - interval '4 years', now() - interval '4 years'
        from scale_m sm cross join lateral generate_series(4, sm.nc) j
        order by sm.m, j`.split("$hash") as [string, string];
    const more = (await tx.execute(
      sql`${sql.raw(moreHead)}${passwordHash}${sql.raw(moreTail)}`,
    )) as unknown as {
      rowCount: number;
    };
    return n.rowCount + more.rowCount;
  });

  await step("settings and shipped definitions", async () => {
    await run(tx, `insert into municipality_settings (municipality_id) select mid from scale_m`);
    const ids = (await tx.execute(sql.raw(`select mid from scale_m order by m`))) as unknown as {
      rows: { mid: string }[];
    };
    for (const { mid } of ids.rows) {
      await installShippedQuestionnaires(tx, mid);
      await installShippedCourseDefinitions(tx, mid);
      await installShippedRetentionRules(tx, mid);
    }
    await run(
      tx,
      `update scale_m sm set
          tils = (select id from questionnaire_definitions q where q.municipality_id = sm.mid and q.key = 't-ils' and q.version = 1),
          policy = (select id from course_definitions d where d.municipality_id = sm.mid and d.kind = 'punch_card_policy' order by d.key limit 1)`,
    );
    return scalar(tx, `select count(*) as n from scale_m where tils is not null and policy is not null`);
  });

  // Citizens: provider (70 % public), district, and how many detection forms over the three years (0–15, mean ~7.4).
  await step("citizens", async () => {
    await run(
      tx,
      `create temp table scale_c on commit drop as
        select x.*, ${uid("c", "x.n")} as cid,
          case when ${r("x.n", 15)} < 0.7 then 1 when x.npriv = 2 and ${r("x.n", 15)} >= 0.88 then 3 else 2 end as p,
          1 + floor(${r("x.n", 16)} * x.nd)::int as k,
          floor(${r("x.n", 20)} * 15.7)::int as kc
        from (select sm.m, sm.mid, sm.nd, sm.npriv, sm.tils, sm.first_n + j as n, j from scale_m sm cross join lateral generate_series(0, sm.n - 1) j) x`,
    );
    // The ids a citizen's rows point at, computed once: provider organisation, home-care worker, district.
    await run(
      tx,
      `alter table scale_c add column org_p uuid, add column u_worker uuid, add column district uuid`,
    );
    await run(
      tx,
      `update scale_c set org_p = ${org("m", "p")}, u_worker = ${user("m", workerSlot("p", "k"))}, district = ${uid("d", "m", "k")}`,
    );
    await run(tx, `create index on scale_c (cid)`);
    return run(
      tx,
      `insert into citizens (id, municipality_id, cpr, cpr_last4, birth_date, first_name, last_name, address_line, postal_code, city,
          provider_organisation_id, district_id, home_care_since, in_target_group, search_text, sort_name, created_at, updated_at)
        select cid, mid, cpr, right(cpr, 4), bd, first_name, last_name, address, postal, city, org_p, district, since, true,
          lower(first_name || ' ' || last_name || ' ' || address || ' ' || postal || ' ' || city), last_key || ' ' || first_key,
          since::timestamp at time zone 'Europe/Copenhagen', since::timestamp at time zone 'Europe/Copenhagen'
        from (
          select y.*, to_char(bd, 'DDMMYY') || '-' || lpad(s3::text, 3, '0') ||
            (case when (4 * (dd / 10) + 3 * (dd % 10) + 2 * (mo / 10) + 7 * (mo % 10) + 6 * (yy / 10) + 5 * (yy % 10)
                        + 4 * (s3 / 100) + 3 * ((s3 / 10) % 10) + 2 * (s3 % 10) + d10) % 11 = 0
                  then (d10 + 2) % 10 else d10 end)::text as cpr
          from (
            select c.*, l.*, extract(day from bd)::int as dd, extract(month from bd)::int as mo, extract(year from bd)::int % 100 as yy
            from (
              select c.*, date '1926-01-01' + ((c.j * 7919 + c.m * 131) % 9855)::int as bd, ((c.j * 37 + c.m) % 400)::int as s3,
                2 * floor(${r("c.n", 11)} * 5)::int + (${r("c.n", 10)} >= 0.62)::int as d10,
                current_date - (case when ${r("c.n", 17)} < 0.08 then 1 + floor(${r("c.n", 18)} * 40) else 60 + floor(${r("c.n", 18)} * 2140) end)::int as since
              from scale_c c
            ) c cross join lateral (
              select case when c.d10 % 2 = 0 then ${pick("s.f", r("c.n", 12))} else ${pick("s.mn", r("c.n", 12))} end as first_name,
                case when c.d10 % 2 = 0 then ${pick("s.fk", r("c.n", 12))} else ${pick("s.mk", r("c.n", 12))} end as first_key,
                ${pick("s.ln", r("c.n", 13))} as last_name, ${pick("s.lk", r("c.n", 13))} as last_key,
                ${pick("s.streets", r("c.n", 14))} || ' ' || (1 + floor(${r("c.n", 19)} * 120))::int as address,
                s.cities[1 + floor(${r("c.n", 21)} * array_length(s.cities, 1))::int] as city,
                s.postal[1 + floor(${r("c.n", 21)} * array_length(s.postal, 1))::int] as postal
              from scale_lists s
            ) l
          ) y
        ) z
        order by since, cid`,
    );
  });
}
