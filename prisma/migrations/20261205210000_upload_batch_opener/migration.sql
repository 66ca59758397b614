-- The actor who opened an upload batch, so that only that actor or an admin
-- adds files to it or finishes it.
ALTER TABLE "ingest_batches" ADD COLUMN "opened_by" TEXT;
