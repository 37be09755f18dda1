-- The X-Request-ID of the call that cancelled, carried in the cancel record like a request's.
alter table request_cancellations add column trace_id text null;
