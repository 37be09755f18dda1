-- The highest sequence of each channel the peer has acknowledged, contiguously. Above what this
-- node has ever sent, it means this database is older than what it sent: restored from a backup
-- without a new sender epoch, so its next sequences would be ones the peer already holds.
alter table outbound_peer_acks add column acknowledged bigint not null default 0;
