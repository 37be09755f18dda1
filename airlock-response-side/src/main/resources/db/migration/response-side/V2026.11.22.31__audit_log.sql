-- Every record this side applied or refused from the other side (DESIGN.md §2 "Trust": both
-- sides audit every batch and every record they apply or refuse). Written in the transaction
-- that applies the batch, so an entry exists exactly when its effect does.
create table audit_logs (
    id               bigserial   primary key,
    at               timestamptz not null default now(),
    -- The user the record speaks for (as sent, so possibly not a user at all), else null.
    actor            text        null,
    -- The node that sent the record.
    sender_node_id   text        null,
    -- What was done, as <record type>.<what became of it>: request.accepted, cancel.applied ...
    action           text        not null,
    -- The record's own id (a request, cancel or account-change id) and its subject: the request
    -- a request or cancel is about, the user an account change is about.
    record_id        text        null,
    resource_id      text        null,
    outcome          text        not null check (outcome in ('applied', 'refused', 'ignored')),
    reason_code      text        null,
    detail           text        null,
    inbound_batch_id bigint      null references inbound_batches (id),
    trace_id         text        null
);
create index audit_logs_at on audit_logs (at);
create index audit_logs_resource on audit_logs (resource_id, at);
