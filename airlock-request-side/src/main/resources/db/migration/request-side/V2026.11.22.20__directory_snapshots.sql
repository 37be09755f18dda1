-- Full directory snapshots as their parts arrive (DESIGN §2 "Order and convergence"). Parts come
-- in any order, across restarts; a part counts once all its batch's records have been taken, and
-- the snapshot deactivates the users absent from it only once every part has counted.

create table directory_snapshots (
    snapshot_id   uuid        primary key,
    as_of_version bigint      not null,
    part_count    int         not null check (part_count >= 1),
    first_seen_at timestamptz not null default now(),
    completed_at  timestamptz
);

-- One row per part, from the batch that carried it; a part carried again by another batch is not
-- counted twice.
create table directory_snapshot_parts (
    snapshot_id  uuid not null references directory_snapshots (snapshot_id) on delete cascade,
    part         int  not null check (part >= 1),
    batch_id     uuid not null,
    record_count int  not null check (record_count >= 0),
    records_seen int  not null default 0,
    primary key (snapshot_id, part)
);

-- The users each snapshot names; whoever an incomplete snapshot does not name yet may still be
-- in a part to come.
create table directory_snapshot_users (
    snapshot_id uuid not null references directory_snapshots (snapshot_id) on delete cascade,
    user_id     uuid not null,
    primary key (snapshot_id, user_id)
);
