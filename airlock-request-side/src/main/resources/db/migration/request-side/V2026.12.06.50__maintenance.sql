-- The request side's own maintenance mode: one row, so that every instance agrees. (The response
-- side's is the directory setting 'maintenance', in settings.)
create table maintenance_mode (
    id         boolean primary key default true check (id),
    message    text not null,
    changed_by text not null,
    changed_at timestamptz not null default now()
);

-- Every instance caches whether submissions are refused, and empties that cache on this signal:
-- when an administrator here switches maintenance, or a directory batch changes a setting.
create trigger maintenance_mode_signal
    after insert or update or delete or truncate on maintenance_mode
    for each statement execute function airlock_signal('airlock_maintenance');
create trigger settings_maintenance_signal
    after insert or update or delete or truncate on settings
    for each statement execute function airlock_signal('airlock_maintenance');
