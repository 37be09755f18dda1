-- Per-user submission quotas (fixed minute, hour and day windows), shared by every instance of
-- this side. Bucket4j keeps each bucket's state here and locks its row while it takes a token.
create table quota_buckets (
    id            varchar(255) primary key, -- 'quota:<user id>' or 'quota-grace:<user id>:<window>'
    state         bytea        null,
    expires_at    bigint       null,
    explicit_lock bigint       null
);

-- A user's grace in one window: once per window, past 100% of a quota, a user may go on to 110%
-- for a few minutes from the first request over the limit.
create table quota_grace (
    user_id      uuid        not null,
    window_name  text        not null check (window_name in ('minute', 'hour', 'day')),
    window_start timestamptz not null,
    started_at   timestamptz not null,
    primary key (user_id, window_name, window_start)
);
