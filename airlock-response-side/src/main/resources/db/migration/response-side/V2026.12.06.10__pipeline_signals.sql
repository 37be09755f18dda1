-- Signals that wake this side's pipeline on every instance when work commits, instead of its
-- timers: imported requests wake the executor's workers, decided answers the results exporter.
create function signal_queue() returns trigger language plpgsql as $$
begin
    perform pg_notify('airlock_queue', tg_table_name);
    return null;
end
$$;

create function signal_export() returns trigger language plpgsql as $$
begin
    perform pg_notify('airlock_export', tg_table_name);
    return null;
end
$$;

create trigger incoming_requests_queue_signal
    after insert on incoming_requests for each statement execute function signal_queue();
create trigger query_results_export_signal
    after insert on query_results for each statement execute function signal_export();
