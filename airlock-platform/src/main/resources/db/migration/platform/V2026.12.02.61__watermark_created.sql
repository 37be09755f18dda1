-- When this node first heard of each sender epoch's channel: a sender epoch first heard of
-- recently is a peer whose database is new (wiped, or a new installation), which knows nothing
-- this node sent before (the response side sends it the whole directory again). The rows already
-- here are of epochs heard of long ago.
alter table inbound_watermarks add column created_at timestamptz not null default '-infinity';
alter table inbound_watermarks alter column created_at set default now();
