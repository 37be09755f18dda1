-- The status signal only for a status that really changed: a statement that changed none (the
-- expiry check finding nothing to expire, on every export cycle) no longer makes every instance
-- read its watched requests again. PostgreSQL sends one notification per transaction however many
-- rows change, the payload being the same.
drop trigger requests_status_signal on requests;
create trigger requests_status_signal
    after update of status on requests
    for each row when (old.status is distinct from new.status)
    execute function airlock_signal('airlock_request_status');
