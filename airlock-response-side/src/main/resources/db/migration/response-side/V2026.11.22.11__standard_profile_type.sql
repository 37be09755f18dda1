-- The profile type new users get unless an admin picks another. Its indices are the sample
-- indices of the embedded search node.
insert into profile_types
    (name, per_minute, per_hour, per_day, max_priority, allowed_indices, max_result_size, version)
values
    ('standard', 10, 200, 2000, 5, array['incidents', 'assets'], 1000, nextval('directory_version'));
