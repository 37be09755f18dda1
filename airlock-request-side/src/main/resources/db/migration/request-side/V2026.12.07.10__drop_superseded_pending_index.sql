-- requests_pending ordered the pending requests for the exporter before it claimed what it took
-- (export_sequence). Every query for pending requests now asks for unclaimed ones too, which
-- requests_unclaimed serves in the same order; nothing read this index any more, and every
-- submission and every change of a pending request paid for writing it.
drop index if exists requests_pending;
