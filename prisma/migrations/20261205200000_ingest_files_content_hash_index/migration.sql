-- Digest coverage matches a listed log file to an ingested one by the SHA-256
-- of its content when the file was ingested without its S3 key.
CREATE INDEX "ingest_files_content_sha256_idx" ON "ingest_files"("content_sha256");
