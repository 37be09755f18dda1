-- The W3C trace context a request brought across the gap in its record (null when it brought
-- none): the workers continue that trace, so the spans and log lines of its execution join the
-- submission's trace on the request side.
alter table incoming_requests add column traceparent text null;
