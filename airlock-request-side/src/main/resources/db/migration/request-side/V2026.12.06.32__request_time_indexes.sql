-- The admin dashboard's hourly figures read requests by submission and by answer time over a day
-- or a week. BRIN: tiny, and next to free to keep up on the submit path, as both times grow with
-- the table.
create index requests_submitted_brin on requests using brin (submitted_at);
create index requests_result_received_brin on requests using brin (result_received_at);
