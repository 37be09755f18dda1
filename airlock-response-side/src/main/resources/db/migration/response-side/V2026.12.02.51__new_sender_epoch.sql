-- For an operator whose database was restored from a backup (README, "Restoring a database"),
-- run before the side starts on it: gives this side a new sender epoch, so that the other side
-- takes its batches as a new sender's instead of as conflicts with what it already holds, and
-- lets every answer not acknowledged by the other side be sent again, in the new epoch (the
-- request side keeps the first answer it got). The directory needs nothing: its export watermark
-- is as old as the backup, so the changes since are sent again. Returns the new epoch.
create function new_sender_epoch() returns text language plpgsql as $$
declare
    fresh text := gen_random_uuid()::text;
begin
    update sender_identity set epoch = fresh;
    update query_results set export_sequence = null, exported_at = null
        where acknowledged_at is null and export_sequence is not null;
    return fresh;
end
$$;
