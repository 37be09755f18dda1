-- Requests submitted on this side and the responses that come back across the gap. Stage
-- timestamps come from two clocks: submitted, exported and result_received_at are this side's,
-- received_at, executed_at and result_exported_at the response side's; order is only asserted
-- within one clock (DESIGN §3).

create table requests (
    id                 uuid primary key,
    owner_id           uuid        not null references users (id),
    index_name         text        not null,
    query_type         text        not null check (query_type in ('search', 'count')),
    query_params       jsonb       not null,
    priority           integer     not null,
    status             text        not null check (status in
                           ('pending', 'exported', 'completed', 'failed', 'expired',
                            'cancel_requested', 'cancelled')),
    status_reason      text,
    deadline           timestamptz not null,
    submitted_at       timestamptz not null default now(),
    exported_at        timestamptz,
    received_at        timestamptz,
    executed_at        timestamptz,
    result_exported_at timestamptz,
    result_received_at timestamptz,
    cancel_requested_at timestamptz,
    trace_id           text        not null
);
create index requests_owner on requests (owner_id, submitted_at desc);
-- What the exporter takes next: highest priority first, then oldest.
create index requests_pending on requests (priority desc, submitted_at) where status = 'pending';
create index requests_status on requests (status, submitted_at);

create table responses (
    request_id      uuid primary key references requests (id) on delete cascade,
    result          jsonb       not null,
    execution_ms    bigint      not null check (execution_ms >= 0),
    cache_hit       boolean     not null,
    result_sha256   text        not null,
    received_at     timestamptz not null default now()
);
