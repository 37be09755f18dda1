-- "Applied once" is per sender: two senders never share a sequence space, even if their epoch
-- strings were ever to coincide.
drop index inbound_batches_applied_once;
create unique index inbound_batches_applied_once
    on inbound_batches (sender_node_id, sender_epoch, channel, sequence) where outcome = 'APPLIED';
