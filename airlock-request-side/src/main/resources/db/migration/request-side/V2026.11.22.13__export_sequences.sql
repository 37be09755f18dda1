-- The requests-channel batch that took each record, set in that batch's allocation transaction:
-- a record with a sequence is never taken again, and once the ledger shows the batch PUBLISHED
-- the record is marked exported (also after a crash between publishing and marking). Sequences
-- are those of this database's sender epoch; a new database is a new epoch.
alter table requests add column export_sequence bigint;
alter table request_cancellations add column export_sequence bigint;
alter table account_changes add column export_sequence bigint;

-- What the exporter has not taken yet, in the order it takes it.
create index requests_unclaimed on requests (priority desc, submitted_at)
    where status = 'pending' and export_sequence is null;
-- Taken but not yet marked exported: waiting for their batch to be published.
create index requests_claimed on requests (export_sequence)
    where exported_at is null and export_sequence is not null;
