-- How many times a worker began to run a request, as against how many times it was claimed
-- (attempts, the lease's fencing token): a claim lost to a crash before the request started is
-- no run, so requests waiting in a dead worker's claim are not failed as attempts_exhausted.
alter table incoming_requests add column runs int not null default 0 check (runs >= 0);
