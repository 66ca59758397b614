-- DropIndex
DROP INDEX "events_event_time_idx";

-- DropIndex
DROP INDEX "events_access_key_id_event_time_idx";

-- DropIndex
DROP INDEX "events_event_name_event_time_idx";

-- CreateIndex
CREATE INDEX "events_event_time_idx" ON "events" USING BRIN ("event_time");

-- CreateIndex
CREATE INDEX "events_access_key_id_idx" ON "events"("access_key_id");

-- CreateIndex
CREATE INDEX "events_event_name_idx" ON "events"("event_name");

