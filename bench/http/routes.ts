/**
 * The routes the HTTP benchmark measures, as the web app calls them, and the data each needs
 * (a citizen's last four CPR digits, a common last name, a course to match, the caseload's
 * citizen with the longest history, courses a home-care worker registers clips on). Found by
 * asking Broen (over HTTP) and, where the API has no such question, the database.
 *
 * Clip registration: a Monday-morning burst is many workers on many citizens, so requests rotate
 * over up to 50 courses (with 50 connections on one course every registration would queue on the
 * course's row lock, Broen and replay alike). Each course gets a bench grant (a copy of one of its
 * own grants with 1,000,000 clips and the exception reason "HTTP benchmark"; made once, reused by
 * later runs) so a long run never meets "no clips left". Every registration adds a done clip.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { copenhagenDate } from "../../src/domain/time.js";
import { type Db, rawRows } from "../../src/server/db/client.js";

export interface RouteRequest {
  path: string;
  body?: string;
}

export interface BenchRoute {
  name: string;
  title: string;
  method: "GET" | "POST";
  user: "coordinator" | "worker";
  requests: RouteRequest[];
  write: boolean;
  connections: number[];
  /** Issue 19 point 2: Broen's p95 at one connection on the national-scale data. */
  p95BudgetMs?: number;
}

export interface Answer {
  status: number;
  text: string;
}

export interface Client {
  call(method: string, path: string, headers?: Record<string, string>, body?: string): Promise<Answer>;
}

export interface UserInfo {
  headers: Record<string, string>;
  userId: string;
  municipalityId: string;
  organisationId: string;
}

export const ROUTE_NAMES = [
  "cpr4",
  "name",
  "caseload",
  "register",
  "catalog",
  "matching",
  "timeline",
] as const;

export const BENCH_GRANT_REASON = "HTTP benchmark";
const MAX_REGISTER_COURSES = 50;

/** Logs in over HTTP; answers the session cookie and who the user is. */
export async function login(client: Client, db: Db, username: string, password: string): Promise<UserInfo> {
  const res = await fetchLogin(client, username, password);
  const [user] = await rawRows<{ id: string; municipality_id: string; organisation_id: string }>(
    db,
    sql`select id, municipality_id, organisation_id from users where username = ${username}`,
  );
  if (!user) throw new Error(`no user ${username}`);
  return {
    headers: { cookie: res, "content-type": "application/json" },
    userId: user.id,
    municipalityId: user.municipality_id,
    organisationId: user.organisation_id,
  };
}

async function fetchLogin(client: Client, username: string, password: string): Promise<string> {
  const answer = (await client.call(
    "POST",
    "/api/auth/login",
    { "content-type": "application/json" },
    JSON.stringify({ username, password }),
  )) as Answer & { cookie?: string };
  if (answer.status !== 200 || !answer.cookie)
    throw new Error(`login as ${username} failed: ${answer.status} ${answer.text.slice(0, 200)}`);
  return answer.cookie;
}

function json<T>(answer: Answer, what: string): T {
  if (answer.status !== 200) throw new Error(`${what}: ${answer.status} ${answer.text.slice(0, 300)}`);
  return JSON.parse(answer.text) as T;
}

/**
 * A search word with many hits: of the ten most common words (4+ letters) of the catalog's titles,
 * the one Broen finds most activities for (a common word may be a stop word of the Danish search).
 */
async function catalogSearch(client: Client, db: Db, user: UserInfo): Promise<string> {
  const rows = await rawRows<{ title: string }>(
    db,
    sql`select title from catalog_activities where municipality_id = ${user.municipalityId} and active limit 3000`,
  );
  const counts = new Map<string, number>();
  for (const { title } of rows)
    for (const word of title.toLowerCase().split(/[^\p{L}]+/u))
      if (word.length >= 4) counts.set(word, (counts.get(word) ?? 0) + 1);
  const words = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 10);
  let best = { path: "", total: 0 };
  for (const [word] of words) {
    const path = `/api/catalog/activities?q=${encodeURIComponent(word)}`;
    const { total } = json<{ total: number }>(await client.call("GET", path, user.headers), "catalog search");
    if (total > best.total) best = { path, total };
  }
  if (best.total === 0) throw new Error("no catalog search word finds anything");
  return best.path;
}

export async function resolveRoutes(
  client: Client,
  db: Db,
  users: { coordinator: UserInfo; worker: UserInfo },
  wanted: readonly string[],
): Promise<BenchRoute[]> {
  const { coordinator, worker } = users;
  const m = coordinator.municipalityId;
  const routes: BenchRoute[] = [];
  const add = (
    r: Omit<BenchRoute, "connections" | "write"> & { write?: boolean; connections?: number[] },
  ) => {
    if (wanted.includes(r.name)) routes.push({ write: false, connections: [1, 10], ...r });
  };

  const [citizen] = await rawRows<{ last4: string }>(
    db,
    sql`select cpr_last4 as last4 from citizens where municipality_id = ${m} order by id limit 1`,
  );
  add({
    name: "cpr4",
    title: "citizen search, last four CPR digits",
    method: "POST",
    user: "coordinator",
    requests: [{ path: "/api/citizens/search", body: JSON.stringify({ q: citizen!.last4 }) }],
  });
  const [common] = await rawRows<{ name: string }>(
    db,
    sql`select last_name as name from citizens where municipality_id = ${m}
        group by last_name order by count(*) desc, last_name limit 1`,
  );
  add({
    name: "name",
    title: "citizen search, name",
    p95BudgetMs: 20,
    method: "POST",
    user: "coordinator",
    requests: [{ path: "/api/citizens/search", body: JSON.stringify({ q: common!.name }) }],
  });
  const caseload = json<{ id: string; stage: string; citizen: { id: string } }[]>(
    await client.call("GET", "/api/courses/caseload", coordinator.headers),
    "caseload",
  );
  add({
    name: "caseload",
    title: `"Mine borgere i dag" (caseload, ${caseload.length} open courses)`,
    p95BudgetMs: 50,
    method: "GET",
    user: "coordinator",
    requests: [{ path: "/api/courses/caseload" }],
  });
  if (wanted.includes("register")) {
    const paths = await registrationCourses(client, db, worker);
    add({
      name: "register",
      title: `clip registration (${paths.length} courses)`,
      method: "POST",
      user: "worker",
      write: true,
      connections: [1, 10, 50],
      requests: paths,
    });
  }
  if (wanted.includes("catalog"))
    add({
      name: "catalog",
      title: "catalog search",
      method: "GET",
      user: "coordinator",
      requests: [{ path: await catalogSearch(client, db, coordinator) }],
    });
  if (wanted.includes("matching")) {
    let path: string | undefined;
    for (const c of caseload.filter((x) => x.stage !== "clarification").slice(0, 20)) {
      const candidate = `/api/courses/${c.id}/matches?limit=25&includeExcluded=true`;
      const answer = await client.call("GET", candidate, coordinator.headers);
      if (
        answer.status === 200 &&
        (JSON.parse(answer.text) as { suggestions?: unknown[] }).suggestions?.length
      ) {
        path = candidate;
        break;
      }
    }
    if (!path) throw new Error("no course of the coordinator has matches");
    add({
      name: "matching",
      title: "matching for a course",
      method: "GET",
      user: "coordinator",
      requests: [{ path }],
    });
  }
  if (wanted.includes("timeline")) {
    // The longest history of any citizen with an open course in the municipality (issue 19: "a citizen with a
    // three-year history"), not only of this coordinator's caseload: the worst case the coordinator may open.
    const [longest] = await rawRows<{ citizen_id: string; n: number; since: string }>(
      db,
      sql`select co.citizen_id, ((select count(*) from clips where clips.citizen_id = co.citizen_id)
            + (select count(*) from screenings s where s.citizen_id = co.citizen_id)
            + (select count(*) from conversations cv where cv.citizen_id = co.citizen_id))::int as n,
            (select to_char(min(s.performed_at), 'YYYY-MM') from screenings s where s.citizen_id = co.citizen_id) as since
          from courses co where co.municipality_id = ${m} and co.stage <> 'closed' order by n desc limit 1`,
    );
    add({
      name: "timeline",
      title: `citizen timeline (${longest!.n} clips, forms, talks since ${longest!.since})`,
      p95BudgetMs: 50,
      method: "GET",
      user: "coordinator",
      requests: [{ path: `/api/citizens/${longest!.citizen_id}/timeline?limit=200` }],
    });
  }
  return routes;
}

/** The registration of a done clip today on a course, as the web app sends it. */
export function registrationBody(kind: string, minutes: number): string {
  return JSON.stringify({
    kind,
    ...(kind === "accompaniment" ? { accompanimentForm: "to_from" } : {}),
    performedOn: copenhagenDate(new Date()),
    outcome: "done",
    actualMinutes: minutes,
    note: "HTTP benchmark",
  });
}

/**
 * Courses the worker may register clips on, each with a bench grant, each checked by one real
 * registration (which answers 201 or the course is left out).
 */
async function registrationCourses(client: Client, db: Db, worker: UserInfo): Promise<RouteRequest[]> {
  const candidates = await rawRows<{
    id: string;
    grant_id: string;
    kind: string;
    minutes: number;
    bench: boolean;
  }>(
    db,
    sql`select distinct on (co.id) co.id, g.id as grant_id, g.kind, g.minutes_per_clip as minutes,
          g.exception_reason is not distinct from ${BENCH_GRANT_REASON} as bench
        from courses co
        join citizens c on c.id = co.citizen_id
        join clip_grants g on g.course_id = co.id
        where co.municipality_id = ${worker.municipalityId} and co.stage not in ('closed', 'clarification')
          and co.paused_at is null and c.provider_organisation_id = ${worker.organisationId}
        order by co.id, (g.exception_reason is not distinct from ${BENCH_GRANT_REASON}) desc, g.created_at
        limit 400`,
  );
  const usable: RouteRequest[] = [];
  for (const c of candidates) {
    if (usable.length >= MAX_REGISTER_COURSES) break;
    if (!c.bench)
      await db.execute(sql`insert into clip_grants (municipality_id, course_id, intervention_id, kind, clips,
          minutes_per_clip, policy_definition_id, exception, exception_reason, violations, granted_by, granted_on)
        select municipality_id, course_id, intervention_id, kind, 1000000, minutes_per_clip, policy_definition_id,
          true, ${BENCH_GRANT_REASON}, '[]'::jsonb, granted_by, granted_on
        from clip_grants where id = ${c.grant_id}`);
    const request = {
      path: `/api/courses/${c.id}/clip-registrations`,
      body: registrationBody(c.kind, c.minutes),
    };
    const answer = await client.call(
      "POST",
      request.path,
      { ...worker.headers, "idempotency-key": `bench-${randomUUID()}` },
      request.body,
    );
    if (answer.status === 201) usable.push(request);
  }
  if (usable.length === 0) throw new Error("no course the worker can register clips on");
  return usable;
}
