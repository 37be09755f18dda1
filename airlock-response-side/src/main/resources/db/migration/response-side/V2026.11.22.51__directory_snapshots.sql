-- Full directory snapshots sent on the directory channel (DESIGN §2 "Order and convergence"):
-- all their records read at one as-of version, cut into part_count batches before the first
-- is allocated. parts_allocated moves in each part's allocation transaction, so a snapshot
-- with parts_allocated < part_count was interrupted: the request side never sees it complete,
-- and the schedule takes a new one instead of waiting a whole interval.
create table directory_snapshots (
    id              uuid        primary key,
    as_of_version   bigint      not null check (as_of_version >= 0),
    part_count      int         not null check (part_count >= 1),
    parts_allocated int         not null default 0
                        check (parts_allocated between 0 and part_count),
    record_count    int         not null check (record_count >= 0),
    -- 'schedule', or the admin who asked for it.
    requested_by    text        not null,
    created_at      timestamptz not null default now()
);
create index directory_snapshots_created_at on directory_snapshots (created_at);
