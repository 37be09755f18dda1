-- What the sender said it has sent on each channel (from its control batches), so that a lost
-- last batch shows up as missing in this node's acks, not only gaps below the highest applied.
alter table inbound_watermarks add column announced bigint not null default 0;

-- The peer's view of what this node sent, per channel of this node's epoch: the acknowledged
-- watermark (merged by maximum) and the sequences it reported missing in its newest manifest.
create table outbound_peer_acks (
    sender_epoch text        not null,
    channel      text        not null,
    contiguous   bigint      not null default 0,
    missing      bigint[]    not null default '{}',
    reported_at  timestamptz not null, -- the created_at of the peer's manifest (the peer's clock)
    received_at  timestamptz not null default now(),
    primary key (sender_epoch, channel)
);

-- Acknowledged batches leave outbox/sent/ once the retention period has passed.
alter table outbound_batches add column pruned_at timestamptz null;
create index outbound_batches_unpruned
    on outbound_batches (acknowledged_at) where state = 'ACKNOWLEDGED' and pruned_at is null;
