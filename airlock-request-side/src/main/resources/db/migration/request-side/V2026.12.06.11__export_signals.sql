-- What the exporter sends, newly committed: the signal wakes the exporter of every instance
-- (ExportTrigger), so a request leaves without waiting for the next scheduled check.
create function signal_export() returns trigger language plpgsql as $$
begin
    perform pg_notify('airlock_export', tg_table_name);
    return null;
end
$$;

create trigger requests_export_signal
    after insert on requests for each statement execute function signal_export();
create trigger request_cancellations_export_signal
    after insert on request_cancellations for each statement execute function signal_export();
create trigger account_changes_export_signal
    after insert on account_changes for each statement execute function signal_export();
