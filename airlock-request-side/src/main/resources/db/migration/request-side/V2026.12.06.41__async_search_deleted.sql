-- The Elasticsearch-compatible API's DELETE /_async_search/{id} on a request that has ended: the
-- request and its answer stay (the Airlock API and the console still show them), but that API no
-- longer does, as Elasticsearch forgets a deleted async search.
alter table requests add column async_search_deleted_at timestamptz null;
