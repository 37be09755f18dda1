-- What the results exporter checks on every run: rows a batch took that are not yet marked
-- exported (a batch allocated but not yet seen published). Kept small, unlike the
-- unacknowledged index, which grows while the request side is silent.
create index query_results_unpublished
    on query_results (export_sequence) where exported_at is null and export_sequence is not null;
