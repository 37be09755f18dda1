-- How users hear that a request of theirs has ended (completed, failed or expired), and the
-- deliveries that tell them.

-- A user's choice; no row is "none". The webhook's secret signs every delivery, so this side must
-- be able to read it: it is kept as the user set it (or as it was generated), is never logged, and
-- is shown only once, when it is generated.
create table notification_preferences (
    user_id        uuid        primary key references users (id) on delete cascade,
    channel        text        not null check (channel in ('email', 'webhook')),
    webhook_url    text,
    webhook_secret text,
    changed_at     timestamptz not null default now(),
    check ((channel = 'webhook') = (webhook_url is not null and webhook_secret is not null))
);

-- One message to send: where to (the email address or the webhook URL the user's choice named when
-- the request ended), what (the request's end as it was then), and how far its sending got.
create table notification_deliveries (
    id              uuid        primary key default gen_random_uuid(),
    request_id      uuid        not null references requests (id) on delete cascade,
    user_id         uuid        not null,
    channel         text        not null check (channel in ('email', 'webhook')),
    -- Null when the user had no email address: the delivery then goes dead, saying so.
    target          text,
    request_status  text        not null,
    status_reason   text,
    stages          jsonb       not null,
    status          text        not null default 'pending' check (status in ('pending', 'sent', 'dead')),
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null default now(),
    last_error      text,
    created_at      timestamptz not null default now(),
    finished_at     timestamptz
);
-- What the sender claims next.
create index notification_deliveries_due on notification_deliveries (next_attempt_at)
    where status = 'pending';
-- The admin listing, newest first, by status; and the retention, by when they finished.
create index notification_deliveries_listing on notification_deliveries (status, created_at desc);
create index notification_deliveries_finished on notification_deliveries (finished_at)
    where status in ('sent', 'dead');
-- A request removed by the retention takes its deliveries with it.
create index notification_deliveries_request on notification_deliveries (request_id);

-- A delivery for every request a statement moved into completed, failed or expired whose owner
-- chose to hear of it: in the transaction of that change, so that a crash cannot lose one, and
-- whichever code ended the request (the result import, the expiry, any later path). Once per
-- statement, with its changed rows as transition tables: one insert-select for a whole batch.
create function notification_deliveries_for_ended_requests() returns trigger
    language plpgsql as $$
begin
    insert into notification_deliveries
        (request_id, user_id, channel, target, request_status, status_reason, stages)
    select n.id, n.owner_id, p.channel,
           case p.channel when 'email' then u.email else p.webhook_url end,
           n.status, n.status_reason,
           jsonb_build_object(
               'submitted', n.submitted_at, 'exported', n.exported_at,
               'received', n.received_at, 'executed', n.executed_at,
               'result_exported', n.result_exported_at, 'result_received', n.result_received_at)
    from ended_requests n
    join previous_requests o on o.id = n.id
    join notification_preferences p on p.user_id = n.owner_id
    left join users u on u.id = n.owner_id
    where n.status in ('completed', 'failed', 'expired')
      and o.status is distinct from n.status;
    return null;
end $$;

create trigger requests_ended_notification
    after update on requests
    referencing old table as previous_requests new table as ended_requests
    for each statement execute function notification_deliveries_for_ended_requests();
