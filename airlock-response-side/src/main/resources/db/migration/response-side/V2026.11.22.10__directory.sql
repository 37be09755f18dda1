-- The user directory this side is the source of truth for, and what the request side receives
-- a copy of on the directory channel. See DESIGN.md §1 and §2 "Order and convergence".

-- ONE sequence for users, profile types and settings, so "changed since the last export" is a
-- single `version > :watermark` per table. There is deliberately no column default: writers
-- take the next value through DirectoryVersions, which serialises them so that versions commit
-- in the order they are allocated and a watermark never skips a change still in flight.
create sequence directory_version;

create table profile_types (
    name            text        primary key check (name ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),
    per_minute      bigint      not null check (per_minute > 0),
    per_hour        bigint      not null check (per_hour > 0),
    per_day         bigint      not null check (per_day > 0),
    max_priority    int         not null check (max_priority between 1 and 10),
    allowed_indices text[]      not null,
    max_result_size int         not null check (max_result_size between 1 and 1000),
    version         bigint      not null unique,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now()
);

create table users (
    id                uuid        primary key,
    username          text        not null unique,
    email             text        null,
    display_name      text        null,
    role              text        not null check (role in ('user', 'admin', 'operator')),
    profile_type      text        not null references profile_types (name),
    active            boolean     not null default true,
    password_hash     text        not null,
    version           bigint      not null unique,
    -- The user's own limits; null falls back to the profile type's.
    per_minute        bigint      null check (per_minute > 0),
    per_hour          bigint      null check (per_hour > 0),
    per_day           bigint      null check (per_day > 0),
    -- Operators and the bootstrap admin exist only here and are never exported.
    high_side_only    boolean     not null default false,
    -- Request-side account changes applied up to this version, echoed in the next export so
    -- the request side can drop its pending copies (DESIGN.md §2).
    echoed_change_ids text[]      not null default '{}',
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    check (role <> 'operator' or high_side_only)
);

create table settings (
    key        text        primary key,
    value      text        not null,
    version    bigint      not null unique,
    updated_at timestamptz not null default now()
);

create table api_keys (
    id           uuid        primary key,
    user_id      uuid        not null references users (id),
    name         text        not null,
    -- The first characters of the key, shown so an admin can tell keys apart.
    prefix       text        not null,
    -- Only the hash is kept: the key itself is shown once, when it is made.
    key_sha256   text        not null unique,
    created_at   timestamptz not null default now(),
    last_used_at timestamptz null,
    revoked_at   timestamptz null
);
create index api_keys_user on api_keys (user_id);

create table system_logs (
    id        bigserial   primary key,
    level     text        not null check (level in ('DEBUG', 'INFO', 'WARN', 'ERROR')),
    component text        not null,
    message   text        not null,
    details   jsonb       null,
    at        timestamptz not null default now()
);
create index system_logs_at on system_logs (at);
create index system_logs_component_at on system_logs (component, at);
