-- Cancelling an exported request is a message across the gap, not a local update: the request
-- waits in 'cancelling' until the response side answers, and the cancellation waits here until
-- the exporter sends it as a cancel record. One per request: a repeated DELETE changes nothing.

alter table requests drop constraint requests_status_check;
update requests set status = 'cancelling' where status = 'cancel_requested';
alter table requests add constraint requests_status_check check (status in
    ('pending', 'exported', 'completed', 'failed', 'expired', 'cancelling', 'cancelled'));

create table request_cancellations (
    id           uuid primary key,
    request_id   uuid        not null unique references requests (id) on delete cascade,
    user_id      uuid        not null references users (id),
    requested_at timestamptz not null,
    exported_at  timestamptz
);
create index request_cancellations_unexported on request_cancellations (requested_at)
    where exported_at is null;
