-- The one trigger function behind the sides' signals (DatabaseSignals): notifies the channel the
-- trigger names, with the table's name, when the change commits. PostgreSQL delivers a channel's
-- notifications once per transaction whatever the rows, so a statement-level trigger is enough.
create function airlock_signal() returns trigger language plpgsql as $$
begin
    perform pg_notify(tg_argv[0], tg_table_name);
    return null;
end
$$;
