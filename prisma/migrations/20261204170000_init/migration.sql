-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "ingest_batches" (
    "id" UUID NOT NULL,
    "origin" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "files" INTEGER NOT NULL DEFAULT 0,
    "records" INTEGER NOT NULL DEFAULT 0,
    "inserted" INTEGER NOT NULL DEFAULT 0,
    "duplicates" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    "summary" JSONB,

    CONSTRAINT "ingest_batches_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ingest_files" (
    "id" UUID NOT NULL,
    "batch_id" UUID NOT NULL,
    "path" TEXT NOT NULL,
    "sha256" TEXT,
    "bytes" BIGINT,
    "kind" TEXT NOT NULL,
    "org_id" TEXT,
    "account_id" TEXT,
    "region" TEXT,
    "slot" TIMESTAMPTZ(3),
    "status" TEXT NOT NULL DEFAULT 'running',
    "skip_reason" TEXT,
    "records" INTEGER NOT NULL DEFAULT 0,
    "inserted" INTEGER NOT NULL DEFAULT 0,
    "duplicates" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "ingest_files_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "events" (
    "id" BIGSERIAL NOT NULL,
    "source" TEXT NOT NULL,
    "natural_id" TEXT NOT NULL,
    "event_time" TIMESTAMPTZ(3) NOT NULL,
    "ingested_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "account_id" TEXT,
    "region" TEXT,
    "event_source" TEXT,
    "event_name" TEXT,
    "principal_key" TEXT,
    "principal_arn" TEXT,
    "principal_type" TEXT,
    "principal_name" TEXT,
    "session_name" TEXT,
    "access_key_id" TEXT,
    "source_ip" INET,
    "source_service" TEXT,
    "user_agent" TEXT,
    "error_code" TEXT,
    "read_only" BOOLEAN,
    "redacted" BOOLEAN NOT NULL DEFAULT false,
    "batch_id" UUID NOT NULL,
    "file_id" UUID,
    "record_index" INTEGER NOT NULL,
    "raw_codec" SMALLINT NOT NULL,
    "raw" BYTEA NOT NULL,

    CONSTRAINT "events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "event_deliveries" (
    "id" BIGSERIAL NOT NULL,
    "source" TEXT NOT NULL,
    "natural_id" TEXT NOT NULL,
    "batch_id" UUID NOT NULL,
    "file_id" UUID,
    "record_index" INTEGER NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "event_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rejected_records" (
    "id" BIGSERIAL NOT NULL,
    "batch_id" UUID NOT NULL,
    "file_id" UUID,
    "path" TEXT NOT NULL,
    "record_index" INTEGER,
    "field" TEXT,
    "reason" TEXT NOT NULL,
    "raw" BYTEA,
    "raw_truncated" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rejected_records_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "principals" (
    "key" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "arn" TEXT,
    "account_id" TEXT,
    "name" TEXT,
    "namespace" TEXT,
    "first_seen" TIMESTAMPTZ(3) NOT NULL,
    "last_seen" TIMESTAMPTZ(3) NOT NULL,
    "event_count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "principals_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "baseline_entries" (
    "principal_key" TEXT NOT NULL,
    "dimension" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "first_seen" TIMESTAMPTZ(3) NOT NULL,
    "last_seen" TIMESTAMPTZ(3) NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "baseline_entries_pkey" PRIMARY KEY ("principal_key","dimension","value")
);

-- CreateTable
CREATE TABLE "access_keys" (
    "access_key_id" TEXT NOT NULL,
    "principal_key" TEXT,
    "created_at" TIMESTAMPTZ(3),
    "created_by_key" TEXT,
    "created_by_event_id" TEXT,
    "status" TEXT,
    "first_seen" TIMESTAMPTZ(3),
    "last_seen" TIMESTAMPTZ(3),

    CONSTRAINT "access_keys_pkey" PRIMARY KEY ("access_key_id")
);

-- CreateTable
CREATE TABLE "signals" (
    "id" BIGSERIAL NOT NULL,
    "rule_id" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "natural_id" TEXT NOT NULL,
    "event_time" TIMESTAMPTZ(3) NOT NULL,
    "phase" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "score" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "principal_key" TEXT NOT NULL,
    "subject_key" TEXT,
    "access_key_id" TEXT,
    "related_key_id" TEXT,
    "source_ip" INET,
    "event_name" TEXT,
    "technique_ids" TEXT[],
    "details" JSONB NOT NULL,
    "incident_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "signals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "incidents" (
    "id" UUID NOT NULL,
    "number" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'new',
    "score" INTEGER NOT NULL,
    "principal_key" TEXT NOT NULL,
    "account_id" TEXT,
    "first_seen" TIMESTAMPTZ(3) NOT NULL,
    "last_seen" TIMESTAMPTZ(3) NOT NULL,
    "threshold_crossed_at" TIMESTAMPTZ(3),
    "contained_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "incidents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "findings" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "severity" DOUBLE PRECISION NOT NULL,
    "severity_label" TEXT NOT NULL,
    "account_id" TEXT,
    "region" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "event_first_seen" TIMESTAMPTZ(3),
    "event_last_seen" TIMESTAMPTZ(3),
    "count" INTEGER NOT NULL DEFAULT 1,
    "sample" BOOLEAN NOT NULL DEFAULT false,
    "principal_key" TEXT,
    "access_key_id" TEXT,
    "remote_ips" TEXT[],
    "details" JSONB NOT NULL,

    CONSTRAINT "findings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "finding_versions" (
    "id" BIGSERIAL NOT NULL,
    "finding_id" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "count" INTEGER NOT NULL,
    "severity" DOUBLE PRECISION NOT NULL,
    "batch_id" UUID NOT NULL,
    "raw_codec" SMALLINT NOT NULL,
    "raw" BYTEA NOT NULL,

    CONSTRAINT "finding_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "flow_records" (
    "id" BIGSERIAL NOT NULL,
    "natural_id" TEXT NOT NULL,
    "account_id" TEXT,
    "interface_id" TEXT,
    "src_addr" INET,
    "dst_addr" INET,
    "src_port" INTEGER,
    "dst_port" INTEGER,
    "protocol" INTEGER,
    "packets" BIGINT,
    "bytes" BIGINT,
    "start" TIMESTAMPTZ(3) NOT NULL,
    "end" TIMESTAMPTZ(3) NOT NULL,
    "action" TEXT,
    "log_status" TEXT NOT NULL,
    "fields" JSONB NOT NULL,
    "batch_id" UUID NOT NULL,
    "file_id" UUID,
    "line_number" INTEGER NOT NULL,
    "raw" TEXT NOT NULL,

    CONSTRAINT "flow_records_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "service_last_accessed" (
    "principal_arn" TEXT NOT NULL,
    "service_namespace" TEXT NOT NULL,
    "service_name" TEXT NOT NULL,
    "last_authenticated" TIMESTAMPTZ(3),
    "last_authenticated_entity" TEXT,
    "region" TEXT,
    "never_used" BOOLEAN NOT NULL,
    "reported_at" TIMESTAMPTZ(3) NOT NULL,
    "details" JSONB NOT NULL,
    "batch_id" UUID NOT NULL,

    CONSTRAINT "service_last_accessed_pkey" PRIMARY KEY ("principal_arn","service_namespace")
);

-- CreateIndex
CREATE INDEX "ingest_batches_started_at_idx" ON "ingest_batches"("started_at");

-- CreateIndex
CREATE INDEX "ingest_files_batch_id_idx" ON "ingest_files"("batch_id");

-- CreateIndex
CREATE INDEX "ingest_files_sha256_idx" ON "ingest_files"("sha256");

-- CreateIndex
CREATE INDEX "events_principal_key_event_time_idx" ON "events"("principal_key", "event_time");

-- CreateIndex
CREATE INDEX "events_event_time_idx" ON "events"("event_time");

-- CreateIndex
CREATE INDEX "events_access_key_id_event_time_idx" ON "events"("access_key_id", "event_time");

-- CreateIndex
CREATE UNIQUE INDEX "events_source_natural_id_key" ON "events"("source", "natural_id");

-- CreateIndex
CREATE INDEX "event_deliveries_source_natural_id_idx" ON "event_deliveries"("source", "natural_id");

-- CreateIndex
CREATE INDEX "rejected_records_batch_id_idx" ON "rejected_records"("batch_id");

-- CreateIndex
CREATE INDEX "access_keys_principal_key_idx" ON "access_keys"("principal_key");

-- CreateIndex
CREATE INDEX "signals_incident_id_event_time_idx" ON "signals"("incident_id", "event_time");

-- CreateIndex
CREATE INDEX "signals_principal_key_event_time_idx" ON "signals"("principal_key", "event_time");

-- CreateIndex
CREATE UNIQUE INDEX "signals_rule_id_source_natural_id_key" ON "signals"("rule_id", "source", "natural_id");

-- CreateIndex
CREATE UNIQUE INDEX "incidents_number_key" ON "incidents"("number");

-- CreateIndex
CREATE INDEX "incidents_principal_key_idx" ON "incidents"("principal_key");

-- CreateIndex
CREATE INDEX "incidents_last_seen_idx" ON "incidents"("last_seen");

-- CreateIndex
CREATE INDEX "findings_principal_key_idx" ON "findings"("principal_key");

-- CreateIndex
CREATE INDEX "findings_access_key_id_idx" ON "findings"("access_key_id");

-- CreateIndex
CREATE UNIQUE INDEX "finding_versions_finding_id_updated_at_count_key" ON "finding_versions"("finding_id", "updated_at", "count");

-- CreateIndex
CREATE UNIQUE INDEX "flow_records_natural_id_key" ON "flow_records"("natural_id");

-- CreateIndex
CREATE INDEX "flow_records_src_addr_start_idx" ON "flow_records"("src_addr", "start");

-- CreateIndex
CREATE INDEX "flow_records_dst_addr_start_idx" ON "flow_records"("dst_addr", "start");

-- CreateIndex
CREATE INDEX "flow_records_interface_id_start_idx" ON "flow_records"("interface_id", "start");

-- AddForeignKey
ALTER TABLE "ingest_files" ADD CONSTRAINT "ingest_files_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "ingest_batches"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rejected_records" ADD CONSTRAINT "rejected_records_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "ingest_batches"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "signals" ADD CONSTRAINT "signals_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "finding_versions" ADD CONSTRAINT "finding_versions_finding_id_fkey" FOREIGN KEY ("finding_id") REFERENCES "findings"("id") ON DELETE CASCADE ON UPDATE CASCADE;

