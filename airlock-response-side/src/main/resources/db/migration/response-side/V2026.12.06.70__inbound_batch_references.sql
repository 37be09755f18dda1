-- The transfer's retention deletes an inbound ledger row only once nothing points at it: these
-- let it (and PostgreSQL's own check of each foreign key as a row goes) find the rows that do
-- without reading the whole queue and audit log.
create index incoming_requests_inbound_batch on incoming_requests (inbound_batch_id);
create index audit_logs_inbound_batch on audit_logs (inbound_batch_id);
