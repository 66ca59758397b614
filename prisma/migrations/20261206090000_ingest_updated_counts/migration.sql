-- Counts of GuardDuty findings already stored that arrived in a new version
-- (another updatedAt or count), apart from inserted and duplicate records.
ALTER TABLE "ingest_batches" ADD COLUMN "updated" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "ingest_files" ADD COLUMN "updated" INTEGER NOT NULL DEFAULT 0;
