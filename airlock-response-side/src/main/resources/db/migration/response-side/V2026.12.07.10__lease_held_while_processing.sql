-- A request has a lease owner exactly while it is processing: every statement that takes a request
-- out of 'processing' clears the owner, and the claim sets it. The statements that extend or end
-- the leases of a run (Leases.startAll, completeAll) find their rows by id and fence on the owner
-- and the attempt, which with this is fencing on the status too; they leave the status out, so
-- that their plans take each row by its key rather than scanning the leased index, which holds
-- every request in flight and, until a vacuum, every one that passed through.
update incoming_requests set lease_owner = null, lease_until = null
where status <> 'processing' and lease_owner is not null;
-- None is expected: the claim has always set an owner. Were one there, it goes back to the queue.
update incoming_requests set status = 'queued', lease_until = null, next_attempt_at = now()
where status = 'processing' and lease_owner is null;
alter table incoming_requests add constraint incoming_requests_lease_held_while_processing
    check ((status = 'processing') = (lease_owner is not null));
