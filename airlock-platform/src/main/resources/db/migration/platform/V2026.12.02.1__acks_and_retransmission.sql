-- What the sender said it has sent on each channel (from its control batches), so that a lost
-- last batch shows up as missing in this node's acks, not only gaps below the highest applied.
alter table inbound_watermarks add column announced bigint not null default 0;

-- What the peer reported missing of each channel of this node's epoch, from its newest manifest
-- (what it has acknowledged is marked on outbound_batches itself).
create table outbound_peer_acks (
    sender_epoch text        not null,
    channel      text        not null,
    missing      bigint[]    not null default '{}',
    reported_at  timestamptz not null, -- the created_at of the peer's manifest (the peer's clock)
    received_at  timestamptz not null, -- when this node took it in (this node's clock)
    primary key (sender_epoch, channel)
);

-- Acknowledged batches leave outbox/sent/ once the retention period has passed.
alter table outbound_batches add column pruned_at timestamptz null;
create index outbound_batches_unpruned
    on outbound_batches (acknowledged_at) where state = 'ACKNOWLEDGED' and pruned_at is null;
