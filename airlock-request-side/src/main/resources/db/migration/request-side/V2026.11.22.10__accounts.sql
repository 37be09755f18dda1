-- Accounts on the request side. users, profile_types and settings replicate the response
-- side's directory (the higher version wins when a directory record arrives); the rest is
-- this side's own: credentials it issued, self-service changes it forwards, and its audit log.

create table profile_types (
    name            text primary key,
    per_minute      integer not null check (per_minute >= 0),
    per_hour        integer not null check (per_hour >= 0),
    per_day         integer not null check (per_day >= 0),
    max_priority    integer not null,
    allowed_indices text[]  not null default '{}',
    max_result_size integer not null check (max_result_size >= 0),
    version         bigint  not null
);

create table settings (
    key     text primary key,
    value   text   not null,
    version bigint not null
);

create table users (
    id            uuid primary key,
    username      text        not null unique,
    email         text,
    display_name  text,
    role          text        not null check (role in ('user', 'admin')),
    -- No foreign key: a user's record may arrive in an earlier directory batch than its profile.
    profile_type  text        not null,
    active        boolean     not null,
    password_hash text        not null,
    version       bigint      not null,
    per_minute    integer,
    per_hour      integer,
    per_day       integer,
    synced_at     timestamptz not null default now(),
    last_login_at timestamptz
);

-- A user's own change, applied locally at once and held as pending until a directory record
-- echoes its id: until then no older directory record may undo it (DESIGN §2).
create table account_changes (
    id            uuid primary key,
    user_id       uuid        not null references users (id) on delete cascade,
    display_name  text,
    email         text,
    password_hash text,
    created_at    timestamptz not null default now(),
    exported_at   timestamptz,
    echoed_at     timestamptz
);
create index account_changes_pending on account_changes (user_id) where echoed_at is null;
create index account_changes_unexported on account_changes (created_at) where exported_at is null;

create table api_keys (
    id           uuid primary key,
    user_id      uuid        not null references users (id) on delete cascade,
    name         text        not null,
    prefix       text        not null,
    key_sha256   text        not null unique,
    scopes       text[]      not null default '{}',
    created_at   timestamptz not null default now(),
    last_used_at timestamptz,
    revoked_at   timestamptz
);
create index api_keys_user on api_keys (user_id);

create table refresh_tokens (
    id           uuid primary key,
    user_id      uuid        not null references users (id) on delete cascade,
    -- Every token rotated from one login shares its family, so a reuse revokes them all.
    family       uuid        not null,
    token_sha256 text        not null unique,
    issued_at    timestamptz not null,
    expires_at   timestamptz not null,
    rotated_at   timestamptz,
    replaced_by  uuid references refresh_tokens (id),
    revoked_at   timestamptz
);
create index refresh_tokens_family on refresh_tokens (family);
create index refresh_tokens_user on refresh_tokens (user_id);

create table audit_logs (
    id         bigserial primary key,
    actor      text        not null,
    action     text        not null,
    resource   text,
    client_ip  text,
    outcome    text        not null check (outcome in ('success', 'failure')),
    at         timestamptz not null default now(),
    request_id text,
    detail     text
);
create index audit_logs_at on audit_logs (at);
create index audit_logs_actor on audit_logs (actor, at);
