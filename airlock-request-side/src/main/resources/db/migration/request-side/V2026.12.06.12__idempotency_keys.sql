-- Idempotency-Key (IETF httpapi draft) of POST /requests: a key a user sent with a submission,
-- stored in the same transaction as the request it made, so a crash cannot keep one without the
-- other. A retry with the key within 24 hours gets the original answer; the body's fingerprint
-- tells a retry from another request reusing the key.
create table idempotency_keys (
    owner_id    uuid        not null,
    key         text        not null,
    fingerprint text        not null,
    request_id  uuid        not null references requests (id) on delete cascade,
    created_at  timestamptz not null,
    primary key (owner_id, key)
);
create index idempotency_keys_created on idempotency_keys (created_at);
