-- The transfer ledger both sides keep: what this node has sent, what it has received, and
-- what it refused. See DESIGN.md, "Transfer protocol v1".

-- This node's sender epoch. Created here, so a new database is a new epoch and a rebuilt
-- node's sequences are never mistaken for a replay of the old ones.
create table sender_identity (
    epoch      text        not null,
    created_at timestamptz not null default now()
);
create unique index sender_identity_single_row on sender_identity ((true));
insert into sender_identity (epoch) values (gen_random_uuid()::text);

-- Batches this node allocated and published, per channel numbered 1, 2, 3... within its epoch.
-- A sequence, once allocated, is never reused, hence the primary key.
create table outbound_batches (
    sender_epoch    text        not null,
    channel         text        not null,
    sequence        bigint      not null check (sequence > 0),
    batch_id        uuid        not null unique,
    record_count    int         not null check (record_count >= 0),
    payload_file    text        not null,
    payload_bytes   bigint      null,     -- known once the payload is written
    payload_sha256  text        null,
    compression     text        not null,
    state           text        not null check (state in ('ALLOCATED', 'PUBLISHED', 'ACKNOWLEDGED')),
    created_at      timestamptz not null default now(),
    published_at    timestamptz null,
    acknowledged_at timestamptz null,
    last_sent_at    timestamptz null,
    send_count      int         not null default 0,
    primary key (sender_epoch, channel, sequence)
);
-- Retransmission and start-up repair look only at batches not yet acknowledged.
create index outbound_batches_unacknowledged
    on outbound_batches (channel, sequence) where state <> 'ACKNOWLEDGED';

-- The records of each outbound batch, in payload order: what an unpublished batch is rebuilt
-- from, byte-identical, after a crash.
create table outbound_batch_records (
    sender_epoch text   not null,
    channel      text   not null,
    sequence     bigint not null,
    position     int    not null,
    record_type  text   not null,
    record_id    text   not null,
    primary key (sender_epoch, channel, sequence, position),
    foreign key (sender_epoch, channel, sequence)
        references outbound_batches (sender_epoch, channel, sequence) on delete cascade
);
create index outbound_batch_records_by_record on outbound_batch_records (record_type, record_id);

-- Every batch file that arrived, with what became of it. A batch rejected before its manifest
-- could be read has no sender, channel or sequence, hence the nullable columns.
create table inbound_batches (
    id             bigserial   primary key,
    sender_node_id text        null,
    sender_epoch   text        null,
    channel        text        null,
    sequence       bigint      null,
    batch_id       uuid        null,
    payload_sha256 text        null,
    record_count   int         null,
    outcome        text        not null check (outcome in ('APPLIED', 'DUPLICATE', 'CONFLICT', 'REJECTED')),
    reason_code    text        null,
    reason_detail  text        null,
    file_name      text        not null,
    received_at    timestamptz not null default now()
);
create index inbound_batches_by_sequence on inbound_batches (sender_epoch, channel, sequence);
-- Never applied twice, whatever the importer does.
create unique index inbound_batches_applied_once
    on inbound_batches (sender_epoch, channel, sequence) where outcome = 'APPLIED';

-- Per sender and channel: the highest contiguous sequence applied and the ones applied above
-- it, so that duplicates are recognised even after the ledger has been pruned.
create table inbound_watermarks (
    sender_node_id text        not null,
    sender_epoch   text        not null,
    channel        text        not null,
    contiguous     bigint      not null default 0 check (contiguous >= 0),
    above          bigint[]    not null default '{}',
    updated_at     timestamptz not null default now(),
    primary key (sender_node_id, sender_epoch, channel)
);

-- Records refused from otherwise valid batches, and the contents of conflicting batches.
create table quarantined_records (
    id               bigserial   primary key,
    inbound_batch_id bigint      not null references inbound_batches (id),
    line_number      int         not null,
    record_type      text        null,
    record_id        text        null,
    reason           text        not null,
    raw              text        not null,
    quarantined_at   timestamptz not null default now()
);
create index quarantined_records_by_batch on quarantined_records (inbound_batch_id);
