-- Quota and rate-limit counts as counts of use in fixed windows, taken by one statement
-- (airlock_take_counts) instead of Bucket4j's locked read, write and commit: all of a key's
-- windows at once, all or none, several takes at once when callers overlap. The counts in
-- quota_buckets are not carried over: every count starts afresh once, at this upgrade.
drop table quota_buckets;

create table rate_counts (
    key         text        primary key, -- see the comment below
    version     bigint      not null,    -- of the capacities: a greater one replaces them
    capacities  bigint[]    not null,    -- what each window holds
    windows     bigint[]    not null,    -- which window each count is of: epoch ms / its length
    used        bigint[]    not null,    -- how much of each window is used
    expires_at  timestamptz not null     -- when the longest window ends: nothing counts after
);
create index rate_counts_expires on rate_counts (expires_at);
comment on column rate_counts.key is
    'quota:<user id> (Quotas), or api:<tier>:<caller> and login:<username or address> (MinuteLimits)';

-- Takes up to p_wanted from every window of p_key at once: as many as the fullest window has
-- left, from all windows or none. A negative p_wanted gives that many back to the windows still
-- current. Windows are aligned to the epoch: window i of the key counts epoch ms / p_lengths[i].
-- Capacities with a version above the stored one replace the stored ones; a raised capacity keeps
-- what was used, a lowered one caps what is left (Bucket4j's ADDITIVE replacement), an older
-- version takes the stored capacities. Returns how many it took (or gave back) and what each
-- window has left after it.
create function airlock_take_counts(
    p_key text, p_version bigint, p_capacities bigint[], p_lengths bigint[], p_now bigint,
    p_wanted integer)
returns table (taken integer, remaining bigint[])
language plpgsql as $$
declare
    stored    rate_counts%rowtype;
    n         integer  := array_length(p_lengths, 1);
    v_caps    bigint[] := p_capacities;
    v_version bigint   := p_version;
    v_windows bigint[] := array_fill(0::bigint, array[n]);
    v_used    bigint[] := array_fill(0::bigint, array[n]);
    v_left    bigint[] := array_fill(0::bigint, array[n]);
    v_taken   integer  := p_wanted;
    v_ends    bigint   := 0;
begin
    for i in 1..n loop
        v_windows[i] := p_now / p_lengths[i];
        v_ends := greatest(v_ends, (v_windows[i] + 1) * p_lengths[i]);
    end loop;
    select * into stored from rate_counts where key = p_key for update;
    if not found then
        -- Create it, or lock the one a concurrent take created first.
        insert into rate_counts (key, version, capacities, windows, used, expires_at)
        values (p_key, p_version, p_capacities, v_windows, v_used, to_timestamp(v_ends / 1000.0))
        on conflict (key) do nothing;
        select * into stored from rate_counts where key = p_key for update;
    end if;
    if stored.version >= p_version then
        v_caps := stored.capacities;
        v_version := stored.version;
    end if;
    for i in 1..n loop
        if stored.windows[i] = v_windows[i] then
            v_used[i] := stored.used[i];
            if v_version > stored.version and v_caps[i] < stored.capacities[i] then
                v_used[i] := greatest(0, v_used[i] - (stored.capacities[i] - v_caps[i]));
            end if;
        end if;
        if p_wanted > 0 then
            v_taken := least(v_taken, greatest(v_caps[i] - v_used[i], 0));
        end if;
    end loop;
    for i in 1..n loop
        v_used[i] := greatest(v_used[i] + v_taken, 0);
        v_left[i] := greatest(v_caps[i] - v_used[i], 0);
    end loop;
    update rate_counts
    set version = v_version, capacities = v_caps, windows = v_windows, used = v_used,
        expires_at = to_timestamp(v_ends / 1000.0)
    where key = p_key;
    return query select v_taken, v_left;
end
$$;
