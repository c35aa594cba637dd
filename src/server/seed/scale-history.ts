/**
 * The work recorded over three years in the national-scale data (scale.ts): detection forms and
 * the target-group changes and referrals they lead to, courses with their events, interventions,
 * clips and clip grants, outcome questionnaires, the activity catalog, volunteer referrals,
 * placements in activities and follow-ups.
 *
 * Reads the temporary tables scale_m and scale_c that scale-people.ts leaves, and adds its own
 * (dropped at commit): scale_r (the referrals), scale_k (the courses, with the ids their rows
 * point at and each course's number of clips), scale_om (outcome questionnaires due and
 * answered) and scale_pe (placement events).
 */
import type { Tx } from "../db/client.js";
import {
  at,
  org,
  pick,
  r,
  rt,
  run,
  tilsAnswers,
  tilsColumns,
  uid,
  user,
  type ScaleContext,
  type ScaleStep,
} from "./scale-sql.js";

/**
 * Runs the steps from the detection forms to the follow-ups, each through `step`, after seedPeople
 * in the same transaction. A step that also fills a second table (referral_events, course_events,
 * interventions, outcome_measurements, placement_events) puts that table's count in context.rows.
 */
export async function seedHistory(tx: Tx, step: ScaleStep, context: ScaleContext): Promise<void> {
  const { clipTarget, rows } = context;

  // Detection forms: citizen n's g-th of kc falls in the g-th slice of the last 3 years; ~7 % excluded, ~20 % lonely.
  await step("screenings (detection)", () =>
    run(
      tx,
      `insert into screenings (id, municipality_id, citizen_id, definition_id, answers, scores, outcome_key, colour, positive, consent, purpose,
          exclusion_reason, performed_by, performed_by_organisation_id, performed_at)
        select ${uid("s", "sk")}, mid, cid, tils, ${tilsColumns("a1", "a2", "a3")},
          case when excl is not null then 'not_asked' when a1 + a2 + a3 >= 6 then (case when ${r("sk", 26)} < 0.75 then 'yes' else 'no' end) else 'not_asked' end,
          'detection', excl, u_worker, org_p, performed_at
        from (
          select x.*, ${tilsAnswers("sk", "lonely", 40)}
          from (
            select c.*, c.n * 32 + g as sk,
              ${at(`current_date - (1 + floor(1094 * (c.kc - g + 1 - ${r("c.n * 32 + g", 21)}) / c.kc))::int`, `8 * 3600 + floor(${r("c.n * 32 + g", 22)} * 8 * 3600)`)} as performed_at,
              ${r("c.n * 32 + g", 24)} < 0.2 as lonely,
              case when ${r("c.n * 32 + g", 25)} < 0.07 then ${pick("array['dementia', 'terminal', 'declined', 'moved', 'other']", r("c.n * 32 + g", 27))} end as excl
            from scale_c c cross join lateral generate_series(1, c.kc) g
          ) x
        ) y
        order by performed_at`,
    ),
  );

  // An exclusion takes the citizen out of the target group; a later form means they were taken back in before it.
  await step("target_group_changes", async () => {
    const n = await run(
      tx,
      `insert into target_group_changes (id, municipality_id, citizen_id, in_target_group, reason, screening_id, changed_by, changed_at)
        select ${uid("g", "x.id::text", "v.dir")}, x.municipality_id, x.citizen_id, v.dir = 'in', case when v.dir = 'in' then 'included' else x.exclusion_reason end,
          case when v.dir = 'out' then x.id end, x.performed_by,
          case when v.dir = 'out' then x.performed_at + interval '5 minutes' else x.performed_at + (x.next_at - x.performed_at) / 2 end
        from (
          select s.id, s.municipality_id, s.citizen_id, s.performed_by, s.performed_at, s.exclusion_reason,
            lead(s.performed_at) over (partition by s.citizen_id order by s.performed_at) as next_at
          from screenings s where s.purpose = 'detection'
        ) x cross join (values ('out'), ('in')) v(dir)
        where x.exclusion_reason is not null and (v.dir = 'out' or x.next_at is not null)
        order by 8`,
    );
    await run(
      tx,
      `update citizens c set in_target_group = false
        from (select distinct on (citizen_id) citizen_id, in_target_group from target_group_changes order by citizen_id, changed_at desc) g
        where g.citizen_id = c.id and not g.in_target_group`,
    );
    return n;
  });

  // A positive form with consent sends a referral (as submitScreening does); the coordinators decide within 1–10 days.
  await step("referrals", async () => {
    await run(
      tx,
      `create temp table scale_r on commit drop as
        select x.*, case when x.decided_at > now() then 'new' when x.r1 < 0.80 then 'accepted' when x.r1 < 0.92 then 'rejected'
          when x.r1 < 0.95 then 'info_requested' else 'new' end as status
        from (
          select s.id as sid, sm.m, s.municipality_id as mid, s.citizen_id as cid, s.performed_by, s.performed_by_organisation_id as from_org,
            s.performed_at + interval '3 minutes' as created_at,
            s.performed_at + interval '1 hour' + interval '1 day' * (1 + 9 * ${rt("s.id", 31)}) as decided_at,
            row_number() over (partition by s.municipality_id order by s.performed_at, s.id) as rn,
            ${rt("s.id", 30)} as r1, 5 + floor(${rt("s.id", 33)} * sm.nc)::int + case when ${rt("s.id", 33)} * sm.nc >= 3 then 10 else 0 end as coord
          from screenings s join scale_m sm on sm.mid = s.municipality_id
          where s.purpose = 'detection' and s.positive and s.consent = 'yes' and s.exclusion_reason is null
        ) x`,
    );
    const n = await run(
      tx,
      `insert into referrals (id, municipality_id, receipt_number, citizen_id, source, channel, to_organisation_id, from_organisation_id, reason,
          screening_id, status, created_by, created_at, updated_at)
        select ${uid("r", "sid::text")}, mid, 'SK' || lpad((rn / 10000)::text, 2, '0') || '-' || lpad((rn % 10000)::text, 4, '0'), cid, 'screening', 'broen',
          ${org("m", "4")}, from_org, 'T-ILS – tre spørgsmål om ensomhed: Ensom. Samtykke til kontakt fra fællesskabskoordinator: Ja.', sid, status, performed_by,
          created_at, case when status = 'new' then created_at else decided_at end
        from scale_r order by created_at`,
    );
    rows.referral_events = await run(
      tx,
      `insert into referral_events (id, municipality_id, referral_id, from_status, to_status, message, actor_user_id, at)
        select ${uid("re", "sid::text", "v.i::text")}, mid, ${uid("r", "sid::text")},
          case when v.i = 2 then 'new' end, case when v.i = 1 then 'new' else status end,
          case when v.i = 2 and status = 'rejected' then 'Borgeren ønsker ikke et forløb nu.' when v.i = 2 and status = 'info_requested' then 'Hvornår træffes borgeren bedst?' end,
          case when v.i = 1 then performed_by else ${user("m", "coord")} end, case when v.i = 1 then created_at else decided_at end
        from scale_r cross join (values (1), (2)) v(i)
        where v.i = 1 or status <> 'new'
        order by 8`,
    );
    return n;
  });

  // Courses from a third of the accepted referrals (~35,000); only a citizen's newest course may still be open.
  await step("courses", async () => {
    await run(
      tx,
      `create temp table scale_k on commit drop as
        select b.*, ${uid("k", "b.cn")} as kid, c.p, c.k, c.org_p, c.u_worker, ${user("b.m", "b.coord")} as u_coord,
          ${org("b.m", "4")} as org_coord, ${org("b.m", "5")} as org_vol, ${user("b.m", "4")} as u_vol,
          ${uid("i", "b.cn", "'1'")} as i1, ${uid("i", "b.cn", "'2'")} as i2, (b.opened_at at time zone 'Europe/Copenhagen')::date as opened_day,
          case when b.closed_at is null then
            case when b.e < 0.15 then 'clarification' when b.e < 0.35 then 'guidance' when b.e < 0.75 then 'trial' else 'follow_up' end
          else 'closed' end as stage,
          greatest(1, extract(epoch from coalesce(b.closed_at, now() + interval '30 days') - b.opened_at) / 86400) as span_days,
          0 as n_clips
        from (
          select a.*,
            case when a.next_opened is null and a.opened_at + a.dur * interval '1 day' > now() then null
              else least(now(), greatest(a.opened_at + interval '1 minute',
                least(a.opened_at + a.dur * interval '1 day', coalesce(a.next_opened - interval '1 minute', now()), now() - interval '1 minute'))) end as closed_at,
            extract(epoch from now() - a.opened_at) / (a.dur * 86400) as e
          from (
            select r.*, r.decided_at as opened_at, row_number() over (order by r.decided_at, r.sid) as cn,
              lead(r.decided_at) over (partition by r.cid order by r.decided_at, r.sid) as next_opened,
              (60 + floor(${rt("r.sid", 40)} * 300))::int as dur
            from scale_r r where r.status = 'accepted' and ${rt("r.sid", 32)} < 0.33
          ) a
        ) b join scale_c c on c.cid = b.cid`,
    );
    // Clips per course in proportion to its length (0.3–1.7 × the mean rate), summing to the target: 5 million over
    // ~35,000 courses is ~140 a course, about one for every day a course runs.
    await run(
      tx,
      `update scale_k set n_clips = least(2000, greatest(1, round(span_days * (select ${clipTarget}::float8 / sum(span_days) from scale_k) * (0.3 + 1.4 * ${r("cn", 41)}))))::int`,
    );
    await run(tx, `create index on scale_k (kid)`);
    const n = await run(
      tx,
      `insert into courses (id, municipality_id, citizen_id, referral_id, coordinator_user_id, stage, stage_since, next_follow_up_on, closing_reason,
          citizen_account, opened_at, closed_at, version)
        select kid, mid, cid, ${uid("r", "sid::text")}, ${user("m", "coord")}, stage,
          case stage when 'closed' then closed_at when 'clarification' then opened_at when 'guidance' then opened_at + dur * interval '0.15 day'
            when 'trial' then opened_at + dur * interval '0.35 day' else opened_at + dur * interval '0.75 day' end,
          case when stage = 'follow_up' then current_date + 14 end,
          case when stage = 'closed' then ${pick("array['goal_reached', 'goal_reached', 'citizen_declined', 'no_suitable_offer', 'health_worsened', 'moved', 'died', 'other']", r("cn", 42))} end,
          case when stage = 'closed' and ${r("cn", 43)} < 0.5 then 'Det har været godt at komme ud blandt andre igen.' end,
          opened_at, closed_at, case stage when 'clarification' then 1 when 'guidance' then 2 when 'trial' then 3 else 4 end
        from scale_k order by opened_at`,
    );
    rows.course_events = await run(
      tx,
      `insert into course_events (id, municipality_id, course_id, kind, from_stage, to_stage, reason, actor_user_id, at)
        select ${uid("ke", "cn", "v.i::text")}, mid, kid, case v.i when 1 then 'opened' else 'closed' end, case v.i when 2 then 'follow_up' end,
          case v.i when 1 then 'clarification' else 'closed' end, null, ${user("m", "coord")}, case v.i when 1 then opened_at else closed_at end
        from scale_k cross join (values (1), (2)) v(i) where v.i = 1 or stage = 'closed' order by 9`,
    );
    rows.interventions = await run(
      tx,
      `insert into interventions (id, municipality_id, course_id, kind, provider_organisation_id, started_on, created_by, created_at, ended_at)
        select ${uid("i", "cn", "v.i::text")}, mid, kid, case v.i when 1 then 'guidance_motivation' else 'accompaniment' end,
          case v.i when 1 then ${org("m", "4")} else ${org("m", "p")} end, (opened_at at time zone 'Europe/Copenhagen')::date,
          ${user("m", "coord")}, opened_at, closed_at
        from scale_k cross join (values (1), (2)) v(i) order by opened_at, v.i`,
    );
    return n;
  });

  // Clips: spread over the course, mostly accompaniment; past ones done (88 %) or cancelled, future ones planned.
  await step("clips", () =>
    run(
      tx,
      `insert into clips (id, municipality_id, course_id, citizen_id, intervention_id, provider_organisation_id, kind, accompaniment_form, status,
          planned_on, planned_start, planned_minutes, worker_user_id, planned_by, performed_on, actual_minutes, cancelled_by_citizen, cancel_reason,
          registered_by, registered_at, created_at)
        select ${uid("cl", "ck")}, mid, kid, cid,
          case when kind in ('conversation', 'follow_up') then i1 when ps = p then i2 end,
          case ps when 4 then org_coord when 5 then org_vol else org_p end, kind,
          case when kind = 'accompaniment' then ${pick("array['to_from', 'to_from', 'to_from', 'to_from_during', 'to_from_during', 'before_departure', 'courage_motivation']", r("ck", 52))} end,
          status,
          case when planned then day end,
          case when planned then lpad((9 + floor(${r("ck", 56)} * 6))::int::text, 2, '0') || case when ${r("ck", 57)} < 0.5 then ':00' else ':30' end end,
          case when planned then (array[30, 60, 90, 120])[1 + floor(${r("ck", 58)} * 4)::int] end,
          worker,
          case when planned then u_coord end,
          case when status = 'done' then day end,
          case when status = 'done' then 15 + floor(${r("ck", 59)} * 166)::int end,
          status = 'cancelled' and ${r("ck", 60)} < 0.6,
          case when status = 'cancelled' then case when ${r("ck", 60)} < 0.6 then 'Borgeren aflyste' else 'Medarbejder syg' end end,
          case when status <> 'planned' then worker end,
          case when status <> 'planned' then least(now(), ${at("day", "15 * 3600")}) end,
          least(now(), greatest(opened_at, ${at("day - 7", "8 * 3600")}))
        from (
          select y.*, case ps when 4 then u_coord when 5 then u_vol else u_worker end as worker,
            status <> 'done' or ${r("ck", 55)} < 0.6 as planned
          from (
            select x.*,
              case when kind in ('conversation', 'follow_up') then 4 when ${r("ck", 54)} < 0.2 then 5 else p end as ps,
              case when day > current_date then 'planned' when ${r("ck", 53)} < 0.88 then 'done' else 'cancelled' end as status
            from (
              select k.mid, k.kid, k.cid, k.p, k.org_p, k.org_coord, k.org_vol, k.u_worker, k.u_coord, k.u_vol, k.i1, k.i2, k.opened_at, k.cn * 2048 + i as ck,
                k.opened_day + floor(k.span_days * (i - 1 + ${r("k.cn * 2048 + i", 50)}) / k.n_clips)::int as day,
                case when ${r("k.cn * 2048 + i", 51)} < 0.08 then 'conversation' when ${r("k.cn * 2048 + i", 51)} < 0.74 then 'accompaniment'
                  when ${r("k.cn * 2048 + i", 51)} < 0.92 then 'participation' else 'follow_up' end as kind
              from scale_k k cross join lateral generate_series(1, k.n_clips) i
            ) x
          ) y
        ) z`,
    ),
  );

  // Grants cover what the course used and planned, with a tenth to spare, under the municipality's frame.
  await step("clip_grants", () =>
    run(
      tx,
      `insert into clip_grants (id, municipality_id, course_id, intervention_id, kind, clips, minutes_per_clip, policy_definition_id, granted_by, granted_on, created_at)
        select ${uid("cg", "k.cn", "x.kind")}, k.mid, k.kid,
          case when x.kind in ('conversation', 'follow_up') then ${uid("i", "k.cn", "'1'")} else ${uid("i", "k.cn", "'2'")} end,
          x.kind, greatest(1, x.n + ceil(x.n * 0.1))::int,
          case x.kind when 'accompaniment' then 120 when 'participation' then 180 else 60 end, sm.policy, ${user("k.m", "k.coord")},
          (k.opened_at at time zone 'Europe/Copenhagen')::date, k.opened_at
        from (select course_id, kind, count(*) filter (where not cancelled_by_citizen) as n from clips group by course_id, kind) x
        join scale_k k on k.kid = x.course_id join scale_m sm on sm.m = k.m
        order by k.opened_at`,
    ),
  );

  // Outcome questionnaires: baseline answered for ~75 % within two weeks, follow-up after 6 months for ~60 % of those due.
  await step("outcome questionnaires", async () => {
    await run(
      tx,
      `create temp table scale_om on commit drop as
        select x.*, case when x.answered_at is not null and x.answered_at <= now() then x.answered_at end as answered
        from (
          select k.m, k.mid, k.kid, k.cid, k.cn, k.coord, v.phase, k.cn * 2 + v.i as ok, k.opened_at,
            case v.i when 0 then (k.opened_at at time zone 'Europe/Copenhagen')::date
              else ((k.opened_at at time zone 'Europe/Copenhagen')::date + interval '6 months')::date end as due_on,
            case when v.i = 0 and ${r("k.cn * 2", 61)} < 0.75 then k.opened_at + interval '1 day' * (1 + 13 * ${r("k.cn * 2", 60)})
              when v.i = 1 and ${r("k.cn * 2 + 1", 61)} < 0.6 then ${at("(k.opened_at at time zone 'Europe/Copenhagen')::date + interval '6 months'", `10 * 3600 + 20 * 86400 * ${r("k.cn * 2 + 1", 60)}`)}
            end as answered_at
          from scale_k k cross join (values (0, 'baseline'), (1, 'follow_up')) v(i, phase)
        ) x`,
    );
    const n = await run(
      tx,
      `insert into screenings (id, municipality_id, citizen_id, definition_id, answers, scores, outcome_key, colour, positive, consent, purpose,
          performed_by, performed_by_organisation_id, performed_at)
        select ${uid("os", "ok")}, mid, cid, tils, ${tilsColumns("a1", "a2", "a3")}, 'not_asked', 'outcome', ${user("m", "coord")}, ${org("m", "4")}, answered
        from (
          select o.*, sm.tils, ${tilsAnswers("o.ok", `${r("o.ok", 62)} < case o.phase when 'baseline' then 0.85 else 0.45 end`, 63)}
          from scale_om o join scale_m sm on sm.m = o.m where o.answered is not null
        ) y
        order by answered`,
    );
    rows.outcome_measurements = await run(
      tx,
      `insert into outcome_measurements (id, municipality_id, course_id, citizen_id, phase, questionnaire_key, due_on, screening_id, answered_at, created_at)
        select ${uid("om", "ok")}, mid, kid, cid, phase, 't-ils', due_on, case when answered is not null then ${uid("os", "ok")} end, answered, opened_at
        from scale_om order by opened_at, ok`,
    );
    return n;
  });

  await step("catalog (organisations, activities)", async () => {
    await run(
      tx,
      `insert into catalog_organisations (id, municipality_id, name, kind, description, managed_by_organisation_id, last_verified_on, created_at, updated_at)
        select ${uid("co", "sm.m", "o.j")}, sm.mid, o.name || ' ' || sm.name, o.kind, 'Testdata.', ${org("sm.m", "5")}, current_date - 100, now() - interval '3 years', now() - interval '100 days'
        from scale_m sm cross join (values (1, 'Seniorforeningen', 'association'), (2, 'Sognegården', 'church'), (3, 'Aktivitetscentret', 'activity_centre'),
          (4, 'Besøgstjenesten', 'visiting_service')) o(j, name, kind)`,
    );
    return run(
      tx,
      `insert into catalog_activities (id, municipality_id, organisation_id, title, place_kind, place_name, city, remote_channels, schedule, weekdays, times_of_day,
          group_size, last_verified_on, created_at, updated_at)
        select ${uid("ca", "sm.m", "a.j")}, sm.mid, ${uid("co", "sm.m", "a.o")}, a.title, a.place, case when a.place = 'venue' then a.title end,
          case when a.place = 'venue' then 'Testby' end, case when a.place = 'remote' then '{phone}'::text[] else '{}'::text[] end,
          case when a.place = 'venue' then jsonb_build_object('kind', 'weekly', 'weekdays', jsonb_build_array(a.wd), 'startTime', a.start, 'endTime', a.stop)
            else '{"kind": "by_arrangement"}'::jsonb end,
          case when a.place = 'venue' then array[a.wd] else '{}'::int[] end,
          case when a.place = 'venue' then array[case when a.start < '12:00' then 'morning' when a.start < '17:00' then 'afternoon' else 'evening' end] else '{}'::text[] end,
          a.size, current_date - 100, now() - interval '3 years', now() - interval '100 days'
        from scale_m sm cross join (values
          (1, 1, 'Strikkeklubben', 'venue', 'small', 2, '10:00', '12:00'), (2, 1, 'Seniordans', 'venue', 'large', 3, '14:00', '16:00'),
          (3, 2, 'Fællesspisning', 'venue', 'large', 4, '17:30', '19:30'), (4, 2, 'Sangkoret', 'venue', 'large', 1, '19:00', '21:00'),
          (5, 3, 'Gågruppen', 'venue', 'small', 5, '09:30', '11:00'), (6, 3, 'Kortspil og kaffe', 'venue', 'small', 2, '13:00', '15:00'),
          (7, 3, 'Petanque', 'venue', 'small', 3, '10:00', '12:00'), (8, 1, 'Mandeklubben', 'venue', 'small', 4, '10:00', '12:00'),
          (9, 2, 'Café for alle', 'venue', 'large', 5, '14:00', '16:00'), (10, 3, 'Stavgang', 'venue', 'small', 1, '09:00', '10:30'),
          (11, 4, 'Besøgsven', 'in_home', 'one_to_one', null, null, null), (12, 4, 'Telefonven', 'remote', 'one_to_one', null, null, null)
        ) a(j, o, title, place, size, wd, start, stop)`,
    );
  });

  await step("volunteer_referrals", () =>
    run(
      tx,
      `insert into volunteer_referrals (id, municipality_id, course_id, citizen_id, to_organisation_id, consent_fields, shared, status, match_kind, matched_activity_id,
          answer, answered_by, answered_at, created_by, created_at)
        select ${uid("vr", "y.cn")}, y.mid, y.kid, y.cid, ${org("y.m", "5")}, '{firstName,ageGroup,interests}'::text[],
          jsonb_build_object('firstName', c.first_name, 'ageGroup', (floor(extract(year from age(current_date, c.birth_date)) / 10) * 10)::int || '-' || (floor(extract(year from age(current_date, c.birth_date)) / 10) * 10 + 9)::int,
            'interests', jsonb_build_array('Fællesskab'), 'message', 'Borgeren vil gerne have selskab til en aktivitet.'),
          y.vstatus, case when y.vstatus = 'matched' then y.match_kind end,
          case when y.vstatus = 'matched' and y.match_kind = 'activity' then ${uid("ca", "y.m", "(1 + floor(" + r("y.cn", 74) + " * 10))::int")} end,
          case y.vstatus when 'matched' then 'Aftale om første møde er lavet.' when 'no_match' then 'Vi har ikke en frivillig i området lige nu.' when 'too_complex' then 'Borgerens behov kræver en fagperson.' end,
          case when y.vstatus <> 'sent' then ${user("y.m", "4")} end, case when y.vstatus <> 'sent' then y.vr_answered_at end, ${user("y.m", "y.coord")}, y.vr_at
        from (
          select x.*, case when x.vr_answered_at > now() then 'sent' when x.vr1 < 0.68 then 'matched' when x.vr1 < 0.88 then 'no_match' when x.vr1 < 0.95 then 'too_complex' else 'sent' end as vstatus
          from (
            select k.*, k.opened_at + interval '1 day' * (14 + 46 * ${r("k.cn", 71)}) as vr_at,
              k.opened_at + interval '1 day' * (14 + 46 * ${r("k.cn", 71)} + 3 + 17 * ${r("k.cn", 75)}) as vr_answered_at, ${r("k.cn", 72)} as vr1,
              case when ${r("k.cn", 73)} < 0.6 then 'activity' when ${r("k.cn", 73)} < 0.85 then 'visiting_friend' else 'phone_friend' end as match_kind
            from scale_k k where k.stage <> 'clarification' and ${r("k.cn", 70)} < 0.4
          ) x where x.vr_at < coalesce(x.closed_at, now())
        ) y join citizens c on c.id = y.cid
        order by y.vr_at`,
    ),
  );

  // Placements in an activity: suggested → contacted → (trial visit → participating) → stopped, as far as today allows.
  await step("placements and placement_events", async () => {
    await run(
      tx,
      `create temp table scale_pe on commit drop as
        select p.*, s.seq, s.to_status, p.t0 + interval '1 day' * (s.base + s.spread * ${r("p.cn * 8 + s.seq", 83)}) as ev_at
        from (
          select k.m, k.mid, k.kid, k.cid, k.cn, k.coord, k.opened_at + interval '1 day' * (20 + 20 * ${r("k.cn", 81)}) as t0,
            case when ${r("k.cn", 82)} < 0.15 then 'A' when ${r("k.cn", 82)} < 0.35 then 'B' when ${r("k.cn", 82)} < 0.85 then 'C' else 'D' end as path
          from scale_k k where k.stage in ('trial', 'follow_up', 'closed') and ${r("k.cn", 80)} < 0.5
        ) p join (values
          ('A', 1, 'suggested', 0, 0), ('A', 2, 'contacted', 2, 5), ('A', 3, 'stopped', 9, 20),
          ('B', 1, 'suggested', 0, 0), ('B', 2, 'contacted', 2, 5), ('B', 3, 'trial_visit', 7, 14), ('B', 4, 'stopped', 30, 30),
          ('C', 1, 'suggested', 0, 0), ('C', 2, 'contacted', 2, 5), ('C', 3, 'trial_visit', 7, 14), ('C', 4, 'participating', 21, 14),
          ('D', 1, 'suggested', 0, 0), ('D', 2, 'contacted', 2, 5), ('D', 3, 'trial_visit', 7, 14), ('D', 4, 'participating', 21, 14), ('D', 5, 'stopped', 60, 120)
        ) s(path, seq, to_status, base, spread) on s.path = p.path
        where p.t0 < now()`,
    );
    await run(tx, `delete from scale_pe where ev_at > now()`);
    const n = await run(
      tx,
      `insert into placements (id, municipality_id, course_id, citizen_id, activity_id, status, stop_reason, created_by, created_at, updated_at, version)
        select ${uid("p", "cn")}, mid, kid, cid, ${uid("ca", "m", "(1 + floor(" + r("cn", 84) + " * 10))::int")}, last_status,
          case when last_status = 'stopped' then 'Borgeren ønskede ikke at fortsætte.' end, ${user("m", "coord")}, t0, last_at, n
        from (
          select m, mid, kid, cid, cn, coord, t0, count(*)::int as n, max(ev_at) as last_at, (array_agg(to_status order by seq desc))[1] as last_status
          from scale_pe group by m, mid, kid, cid, cn, coord, t0
        ) x order by t0`,
    );
    rows.placement_events = await run(
      tx,
      `insert into placement_events (id, municipality_id, placement_id, from_status, to_status, actor_user_id, at)
        select ${uid("pe", "cn", "seq")}, mid, ${uid("p", "cn")}, lag(to_status) over (partition by cn order by seq), to_status, ${user("m", "coord")}, ev_at
        from scale_pe order by ev_at`,
    );
    return n;
  });

  await step("follow_ups", () =>
    run(
      tx,
      `insert into follow_ups (id, municipality_id, course_id, result, still_participating, note, next_follow_up_on, performed_by, performed_at)
        select ${uid("f", "cn", "f")}, mid, kid, result,
          case when ${r("cn * 4 + f", 92)} < 0.55 then true when ${r("cn * 4 + f", 92)} < 0.8 then false end, null,
          case when result <> 'E3' then (performed_at at time zone 'Europe/Copenhagen')::date + 30 end, ${user("m", "coord")}, performed_at
        from (
          select k.*, f, k.opened_at + interval '1 day' * (k.dur * 0.6 + (f - 1) * 30 + 10 * ${r("k.cn * 4 + f", 91)}) as performed_at,
            case when k.stage = 'closed' and f = 3 then 'E3'
              else ${pick("array['E1', 'E1', 'E1', 'E1', 'E1', 'E1', 'E2', 'E2', 'E2', 'E4']", r("k.cn * 4 + f", 93))} end as result
          from scale_k k cross join generate_series(1, 3) f
          where k.stage in ('follow_up', 'closed') and f <= 1 + floor(${r("k.cn", 90)} * 3)
        ) x
        where performed_at < coalesce(closed_at, now())
        order by performed_at`,
    ),
  );
}
