-- How far the directory exporter has gone: every directory change with a version up to this
-- one is in a batch that was allocated (DESIGN §2), so it is never exported twice.
create table directory_export (
    last_version bigint      not null default 0,
    updated_at   timestamptz not null default now()
);
create unique index directory_export_single_row on directory_export ((true));
insert into directory_export default values;
