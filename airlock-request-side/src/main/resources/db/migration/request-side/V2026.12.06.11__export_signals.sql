-- What the exporter sends, newly committed: the signal wakes the exporter of every instance
-- (ExportTrigger), so a request leaves without waiting for the next scheduled check.
create trigger requests_export_signal
    after insert on requests
    for each statement execute function airlock_signal('airlock_export');
create trigger request_cancellations_export_signal
    after insert on request_cancellations
    for each statement execute function airlock_signal('airlock_export');
create trigger account_changes_export_signal
    after insert on account_changes
    for each statement execute function airlock_signal('airlock_export');
