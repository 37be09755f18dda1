-- What a recorded but unpublished batch is written again from, byte-identical, after a crash:
-- each record's encoded line, and the manifest fields chosen at allocation (acks, highest
-- sequences sent, snapshot part).
alter table outbound_batch_records add column line text not null;
alter table outbound_batches add column manifest_extras jsonb not null default '{}';
