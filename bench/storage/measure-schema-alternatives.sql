-- Sizes of the events table's columns and indexes, and of alternative
-- indexes, on a database the benchmark has ingested into:
--   node bench/ingest.mjs --records 200000 --keep-databases
--   psql -h 127.0.0.1 -U postgres -d wf_bench_<id>_ingest -f bench/storage/measure-schema-alternatives.sql
-- It builds extra indexes and a scratch column inside a transaction that it
-- rolls back, so the database is left as it was. Every index here is built
-- in one sorted pass, which leaves its pages about 90 % full. Indexes filled
-- row by row during an ingest end up larger, so compare the fresh builds
-- with each other, not with the sizes the ingest left.
\timing off
\pset footer off
BEGIN;

SELECT count(*) AS events,
  round(avg(pg_column_size(e.*))) AS row_bytes,
  round(avg(pg_column_size(raw))) AS raw,
  round(avg(pg_column_size(user_agent))) AS user_agent,
  round(avg(pg_column_size(principal_key))) AS principal_key,
  round(avg(pg_column_size(principal_arn))) AS principal_arn,
  round(avg(pg_column_size(natural_id))) AS natural_id,
  round(avg(pg_column_size(access_key_id))) AS access_key_id
FROM events e;

SELECT indexrelid::regclass AS index, pg_size_pretty(pg_relation_size(indexrelid)) AS size_after_ingest
FROM pg_index WHERE indrelid = 'events'::regclass ORDER BY pg_relation_size(indexrelid) DESC;

-- An integer id per principal in place of the principal key text.
CREATE TEMP TABLE principal_ids AS
  SELECT (row_number() OVER (ORDER BY key))::int AS id, key FROM principals;
CREATE INDEX ON principal_ids (key);
ALTER TABLE events ADD COLUMN principal_id int;
UPDATE events e SET principal_id = p.id FROM principal_ids p WHERE p.key = e.principal_key;

CREATE INDEX alt_principal_key_time ON events (principal_key, event_time);
CREATE INDEX alt_principal_id_time ON events (principal_id, event_time);
CREATE UNIQUE INDEX alt_source_natural_id ON events (source, natural_id);
-- A 64-bit hash of (source, natural_id); a collision would reject an event,
-- so the application would check the full key on a conflict.
CREATE INDEX alt_natural_hash ON events ((('x' || left(md5(source || ':' || natural_id), 16))::bit(64)::bigint));
CREATE INDEX alt_access_key_time ON events (access_key_id, event_time);
CREATE INDEX alt_access_key_time_partial ON events (access_key_id, event_time) WHERE access_key_id IS NOT NULL;
CREATE INDEX alt_event_name_time ON events (event_name, event_time);
CREATE INDEX alt_event_time ON events (event_time);
CREATE INDEX alt_event_time_brin ON events USING brin (event_time);
CREATE INDEX alt_batch ON events (batch_id);

SELECT c.relname AS fresh_index, pg_size_pretty(pg_relation_size(c.oid)) AS size,
  round(pg_relation_size(c.oid)::numeric / (SELECT count(*) FROM events), 1) AS bytes_per_event
FROM pg_class c WHERE c.relname LIKE 'alt\_%' ORDER BY pg_relation_size(c.oid) DESC;

ROLLBACK;
