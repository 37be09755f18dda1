-- For an operator whose database was restored from a backup (README, "Restoring a database"),
-- run before the side starts on it: gives this side a new sender epoch, so that the other side
-- takes its batches as a new sender's instead of as conflicts with what it already holds, and lets
-- every record claimed for a batch of the old epoch but never marked exported be claimed again,
-- in the new one. Returns the new epoch.
create function new_sender_epoch() returns text language plpgsql as $$
declare
    fresh text := gen_random_uuid()::text;
begin
    update sender_identity set epoch = fresh;
    update requests set export_sequence = null
        where exported_at is null and export_sequence is not null;
    update request_cancellations set export_sequence = null
        where exported_at is null and export_sequence is not null;
    update account_changes set export_sequence = null
        where exported_at is null and export_sequence is not null;
    return fresh;
end
$$;
