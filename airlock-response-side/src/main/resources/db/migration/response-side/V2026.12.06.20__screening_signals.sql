-- The import's screening caches profile types and the index allow-list (a setting) in process, and
-- empties that cache on every instance when this signal says one of them changed: a change takes
-- effect at import within the signal's delivery, at most 1 s (DatabaseSignals.STALE_AFTER). Users
-- are read afresh for every run of requests.
create trigger profile_types_signal
    after insert or update or delete or truncate on profile_types
    for each statement execute function airlock_signal('airlock_screening');
create trigger settings_signal
    after insert or update or delete or truncate on settings
    for each statement execute function airlock_signal('airlock_screening');
