-- ShedLock's table: a job that must run on one instance at a time (exporters, the inbox
-- importer, maintenance) holds its row's lock while it runs; another instance skips that run.
create table shedlock (
    name       varchar(64)  primary key,
    lock_until timestamptz  not null,
    locked_at  timestamptz  not null,
    locked_by  varchar(255) not null
);
