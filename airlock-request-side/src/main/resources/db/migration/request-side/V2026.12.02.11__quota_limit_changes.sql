-- When a stored quota bucket takes new limits: whenever the number Bucket4j is given as its
-- configuration version grows. The directory's own versions cannot serve for it: directory records
-- arrive in any order, so a profile type's change may carry a lower version than its user's,
-- already here. This counts the changes to a user's limits in the order they are applied here.
create sequence quota_limit_changes;
-- Buckets stored before this took the directory's versions as theirs: the count starts above them,
-- so that every bucket takes its user's limits afresh.
select setval('quota_limit_changes',
              greatest((select coalesce(max(version), 0) from users),
                       (select coalesce(max(version), 0) from profile_types), 1));

alter table users
    add column limits_changed bigint not null default nextval('quota_limit_changes');
alter table profile_types
    add column limits_changed bigint not null default nextval('quota_limit_changes');

create function count_user_limit_change() returns trigger language plpgsql as $$
begin
    if (new.per_minute, new.per_hour, new.per_day, new.profile_type)
            is distinct from (old.per_minute, old.per_hour, old.per_day, old.profile_type) then
        new.limits_changed := nextval('quota_limit_changes');
    end if;
    return new;
end
$$;

create function count_profile_type_limit_change() returns trigger language plpgsql as $$
begin
    if (new.per_minute, new.per_hour, new.per_day)
            is distinct from (old.per_minute, old.per_hour, old.per_day) then
        new.limits_changed := nextval('quota_limit_changes');
    end if;
    return new;
end
$$;

create trigger users_limits_changed before update on users
    for each row execute function count_user_limit_change();
create trigger profile_types_limits_changed before update on profile_types
    for each row execute function count_profile_type_limit_change();

-- (The first comment on quota_buckets.id, in V2026.12.02.10, named keys no longer used.)
comment on column quota_buckets.id is
    'quota:<user id> (Quotas), or api:<tier>:<caller> and login:<username or address> (MinuteLimits)';
