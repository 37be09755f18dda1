-- Requests imported from the request side, the queue the executor takes them from, their
-- results and the result cache (DESIGN.md §1, §2 "Never lost, never twice", §3).

-- One row per request id ever received, whatever became of it: the primary key is the dedup
-- by original request id. A request refused on import is stored with status 'failed' or
-- 'expired' and its reason, so a retransmitted copy is recognised and answered the same way.
-- Fields that could not be read from a refused record are null.
create table incoming_requests (
    request_id          uuid        primary key,
    trace_id            text        null,
    user_id             uuid        null,
    index_name          text        null,
    query_type          text        null check (query_type in ('search', 'count')),
    query_params        jsonb       null,
    -- As asked for, and as capped by the user's profile; the queue orders by the latter.
    requested_priority  int         null,
    priority            int         not null default 0,
    -- SHA-256 of the RFC 8785 canonical (index, query_type, query_params), set only once the
    -- request passed re-validation (DESIGN §3).
    cache_key           text        null,
    status              text        not null check (status in
                            ('queued', 'processing', 'completed', 'failed', 'cancelled', 'expired')),
    reason_code         text        null,
    reason_detail       text        null,
    attempts            int         not null default 0 check (attempts >= 0),
    next_attempt_at     timestamptz not null default now(),
    -- The worker holding a 'processing' request, and until when: past it another takes it.
    lease_owner         text        null,
    lease_until         timestamptz null,
    submitted_at        timestamptz null,     -- request-side clock
    deadline            timestamptz null,
    received_at         timestamptz not null default now(),
    started_at          timestamptz null,
    finished_at         timestamptz null,
    inbound_batch_id    bigint      null references inbound_batches (id)
);
-- What a worker claims next: highest priority first, then oldest.
create index incoming_requests_ready
    on incoming_requests (priority desc, received_at) where status = 'queued';
-- Leases that may have run out.
create index incoming_requests_leased
    on incoming_requests (lease_until) where status = 'processing';

-- A cancel that arrived before its request: the request is cancelled on arrival.
create table request_tombstones (
    request_id   uuid        primary key,
    cancel_id    uuid        not null,
    user_id      uuid        not null,
    requested_at timestamptz not null,
    received_at  timestamptz not null default now()
);

-- The answer to every request that ended: a result, or a failure with its reason. What the
-- results exporter sends; export_sequence is the results-channel batch that took the row (set
-- in that batch's allocation transaction), acknowledged_at when the request side acknowledged
-- that batch.
create table query_results (
    request_id      uuid        primary key,
    trace_id        text        null,
    outcome         text        not null check (outcome in
                        ('completed', 'failed', 'expired', 'cancelled')),
    result          jsonb       null,
    result_sha256   text        null,
    result_bytes    bigint      null,
    reason_code     text        null,
    reason_detail   text        null,
    execution_ms    bigint      null check (execution_ms >= 0),
    cache_hit       boolean     not null default false,
    received_at     timestamptz null,
    decided_at      timestamptz not null default now(),
    export_sequence bigint      null,
    exported_at     timestamptz null,
    acknowledged_at timestamptz null,
    check ((outcome = 'completed') = (result is not null)),
    check (outcome = 'completed' or reason_code is not null)
);
-- What the results exporter takes next: oldest first.
create index query_results_unclaimed on query_results (decided_at) where export_sequence is null;
create index query_results_unacknowledged
    on query_results (export_sequence) where acknowledged_at is null and export_sequence is not null;

-- The second cache level (the first is in process): results by cache key, with a TTL per
-- query type, hit counts for the maintenance job's report and pre-warming.
create table query_cache (
    cache_key     text        primary key,
    index_name    text        not null,
    query_type    text        not null check (query_type in ('search', 'count')),
    query_params  jsonb       not null,
    result        jsonb       not null,
    result_sha256 text        not null,
    bytes         bigint      not null check (bytes >= 0),
    created_at    timestamptz not null default now(),
    expires_at    timestamptz not null,
    hit_count     bigint      not null default 0,
    last_hit_at   timestamptz null
);
create index query_cache_expires on query_cache (expires_at);
