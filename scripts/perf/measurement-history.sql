-- Two years of audit trail and sign-ins for a database filled by `npm run seed:large`, which
-- writes clinical rows only: without these the audit log and sign-in lookups are measured
-- against nearly empty tables. For throwaway measurement databases only (it also edits sessions).
--
--   psql "$DATABASE_URL" -v events=2500000 -v sign_ins=150000 -f scripts/perf/measurement-history.sql

with staff as (
  select array_agg(id order by id) as ids, array_agg(email order by id) as emails,
         array_agg(role order by id) as roles
  from users
), caseload as (
  select array_agg(id order by id) as ids from patients
)
insert into audit_events (at, actor_id, actor_email, actor_role, action, entity_type, entity_id,
                          patient_id, outcome, request_address)
select now() - interval '730 days' + (g * interval '730 days') / :events,
       staff.ids[pick.who], staff.emails[pick.who], staff.roles[pick.who],
       kind.action, kind.entity_type,
       case when kind.entity_type = 'patient' then pick.patient::text end,
       case when kind.entity_type in ('patient', 'session') then pick.patient end,
       (case when pick.r2 < 0.965 then 'success' when pick.r2 < 0.985 then 'denied'
             else 'failure' end)::audit_outcome,
       '10.20.' || (g % 40) || '.' || (g % 250)
from staff, caseload, generate_series(1, :events) as g
cross join lateral (
  select 1 + floor(random() * array_length(staff.ids, 1))::int as who,
         caseload.ids[1 + floor(random() * array_length(caseload.ids, 1))::int] as patient,
         random() + 0 * g as r, random() as r2
) as pick
cross join lateral (
  select case when pick.r < 0.30 then 'patient.read' when pick.r < 0.45 then 'patient.list'
              when pick.r < 0.60 then 'session.read' when pick.r < 0.70 then 'session.list'
              when pick.r < 0.80 then 'vitals.record' when pick.r < 0.85 then 'monitor.read'
              when pick.r < 0.90 then 'auth.sign-in' when pick.r < 0.95 then 'progress.read'
              else 'note.list' end as action,
         case when pick.r < 0.45 then 'patient' when pick.r < 0.85 then 'session'
              when pick.r < 0.90 then 'user' else 'patient' end as entity_type
) as kind;

insert into user_sessions (user_id, created_at, last_seen_at, ended_at, end_reason, request_address)
select staff.ids[1 + floor(random() * array_length(staff.ids, 1))::int + 0 * g],
       started, started + interval '3 hours', started + interval '3 hours', 'sign-out',
       '10.20.' || (g % 40) || '.' || (g % 250)
from (select array_agg(id) as ids from users) as staff,
     generate_series(1, :sign_ins) as g
cross join lateral (
  select now() - interval '730 days' + (g * interval '730 days') / :sign_ins as started
) as t;

-- A network seeded on a weekend or at night has no session in progress: the last dosing sessions
-- given go back to the chair, so the monitor and bedside paths have something to measure.
update sessions set status = 'in_progress', completed_at = null, discharged_by = null
where not exists (select 1 from sessions where status = 'in_progress')
  and id in (
    select s.id from sessions s
    where s.kind = 'dosing' and s.status = 'completed'
      and exists (select 1 from dose_administrations d where d.session_id = s.id)
    order by s.scheduled_start desc
    limit 12
  );

analyze;
