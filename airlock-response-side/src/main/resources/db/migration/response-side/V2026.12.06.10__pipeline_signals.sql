-- Signals that wake this side's pipeline on every instance when work commits, instead of its
-- timers: imported requests wake the executor's workers, decided answers the results exporter.
create trigger incoming_requests_queue_signal
    after insert on incoming_requests
    for each statement execute function airlock_signal('airlock_queue');
create trigger query_results_export_signal
    after insert on query_results
    for each statement execute function airlock_signal('airlock_export');
