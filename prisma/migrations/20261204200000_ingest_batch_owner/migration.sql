-- AlterTable
ALTER TABLE "ingest_batches" ADD COLUMN     "owner_host" TEXT,
ADD COLUMN     "owner_lock_key" BIGINT,
ADD COLUMN     "owner_pid" INTEGER;

