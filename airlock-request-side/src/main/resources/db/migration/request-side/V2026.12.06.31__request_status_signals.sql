-- A request's status changed (exported, answered, cancelled, expired): the open event streams of
-- every instance (GET /requests/{id}/events, the console's live status) read theirs again.
create trigger requests_status_signal
    after update of status on requests
    for each statement execute function airlock_signal('airlock_request_status');
