-- Every instance caches who may call (users, their API keys, their profile types' bounds and
-- quotas) in process, and empties those caches when this signal says the directory changed.
-- Columns no cached fact reads (last_login_at, synced_at, last_used_at, ...) do not signal, so that
-- marking a login or a key's use does not empty every cache.
create trigger users_signal
    after insert or delete or truncate on users
    for each statement execute function airlock_signal('airlock_directory');
create trigger users_update_signal
    after update of username, email, display_name, role, profile_type, active, password_hash,
                    version, per_minute, per_hour, per_day, limits_changed on users
    for each statement execute function airlock_signal('airlock_directory');

create trigger profile_types_signal
    after insert or update or delete or truncate on profile_types
    for each statement execute function airlock_signal('airlock_directory');

create trigger api_keys_signal
    after delete or truncate on api_keys
    for each statement execute function airlock_signal('airlock_directory');
create trigger api_keys_update_signal
    after update of user_id, key_sha256, scopes, revoked_at on api_keys
    for each statement execute function airlock_signal('airlock_directory');
