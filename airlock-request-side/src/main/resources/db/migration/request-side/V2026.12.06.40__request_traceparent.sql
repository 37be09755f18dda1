-- The W3C trace context of the call that submitted a request, carried across the gap in its record
-- so that the response side's spans and log lines join the submission's trace (docs/operations.md).
alter table requests add column traceparent text null;
