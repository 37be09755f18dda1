-- Results too large for any results batch: answered to the request side as failed
-- (result_too_large), and kept here so that an operator on this side can still read them.
create table oversized_results (
    request_id    uuid        primary key,
    result        jsonb       not null,
    result_sha256 text        not null,
    bytes         bigint      not null check (bytes >= 0),
    stored_at     timestamptz not null default now()
);
