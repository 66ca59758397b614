-- AlterTable
ALTER TABLE "ingest_files" ADD COLUMN     "content_sha256" TEXT,
ADD COLUMN     "s3_key" TEXT;

-- AlterTable
ALTER TABLE "incidents" ADD COLUMN     "closed_at" TIMESTAMPTZ(3),
ADD COLUMN     "commander_id" UUID,
ADD COLUMN     "escalated_at" TIMESTAMPTZ(3),
ADD COLUMN     "resolved_at" TIMESTAMPTZ(3),
ADD COLUMN     "status_changed_at" TIMESTAMPTZ(3),
ADD COLUMN     "triaged_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "role" TEXT NOT NULL,
    "password_hash" TEXT,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "last_login_at" TIMESTAMPTZ(3),

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "login_attempts" (
    "id" BIGSERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "ip" TEXT,
    "succeeded" BOOLEAN NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "login_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_tokens" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(3),
    "last_used_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_entries" (
    "seq" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_type" TEXT NOT NULL,
    "actor_id" TEXT,
    "actor_label" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target_type" TEXT NOT NULL,
    "target_id" TEXT,
    "incident_id" UUID,
    "details" JSONB NOT NULL,
    "prev_hash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "audit_entries_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "checklist_answers" (
    "id" BIGSERIAL NOT NULL,
    "incident_id" UUID NOT NULL,
    "checklist" TEXT NOT NULL,
    "item_id" TEXT NOT NULL,
    "answer" TEXT NOT NULL,
    "reason" TEXT,
    "evidence" JSONB NOT NULL,
    "answered_by_id" UUID,
    "answered_by" TEXT NOT NULL,
    "answered_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "checklist_answers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "checklist_conclusions" (
    "incident_id" UUID NOT NULL,
    "checklist" TEXT NOT NULL,
    "conclusion" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "details" JSONB NOT NULL,
    "decided_by_id" UUID,
    "decided_by" TEXT NOT NULL,
    "decided_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "checklist_conclusions_pkey" PRIMARY KEY ("incident_id","checklist")
);

-- CreateTable
CREATE TABLE "change_windows" (
    "id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "reference" TEXT,
    "account_id" TEXT,
    "principal_pattern" TEXT,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "source" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "change_windows_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "containment_plans" (
    "id" UUID NOT NULL,
    "incident_id" UUID NOT NULL,
    "principal_key" TEXT NOT NULL,
    "principal_type" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "proposed_by_id" UUID,
    "proposed_by" TEXT NOT NULL,
    "proposed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "approved_by_id" UUID,
    "approved_by" TEXT,
    "approved_at" TIMESTAMPTZ(3),
    "rationale" TEXT,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "containment_plans_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "containment_steps" (
    "id" UUID NOT NULL,
    "plan_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "cli_command" TEXT NOT NULL,
    "api_call" JSONB NOT NULL,
    "rollback" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "mode" TEXT,
    "result" JSONB,
    "executed_by" TEXT,
    "executed_at" TIMESTAMPTZ(3),

    CONSTRAINT "containment_steps_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "settings" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "settings_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "postmortems" (
    "id" UUID NOT NULL,
    "incident_id" UUID NOT NULL,
    "current_version" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "postmortems_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "postmortem_versions" (
    "id" BIGSERIAL NOT NULL,
    "postmortem_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "markdown" TEXT NOT NULL,
    "author_id" UUID,
    "author" TEXT NOT NULL,
    "generated" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "postmortem_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "digest_files" (
    "id" UUID NOT NULL,
    "s3_key" TEXT NOT NULL,
    "account_id" TEXT,
    "region" TEXT,
    "digest_start" TIMESTAMPTZ(3) NOT NULL,
    "digest_end" TIMESTAMPTZ(3) NOT NULL,
    "batch_id" UUID NOT NULL,
    "file_id" UUID,

    CONSTRAINT "digest_files_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "digest_log_files" (
    "digest_id" UUID NOT NULL,
    "s3_bucket" TEXT NOT NULL,
    "s3_key" TEXT NOT NULL,
    "hash_value" TEXT NOT NULL,
    "oldest_event_time" TIMESTAMPTZ(3),
    "newest_event_time" TIMESTAMPTZ(3),

    CONSTRAINT "digest_log_files_pkey" PRIMARY KEY ("digest_id","s3_key")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE INDEX "login_attempts_email_at_idx" ON "login_attempts"("email", "at");

-- CreateIndex
CREATE INDEX "login_attempts_ip_at_idx" ON "login_attempts"("ip", "at");

-- CreateIndex
CREATE UNIQUE INDEX "api_tokens_token_hash_key" ON "api_tokens"("token_hash");

-- CreateIndex
CREATE UNIQUE INDEX "audit_entries_hash_key" ON "audit_entries"("hash");

-- CreateIndex
CREATE INDEX "audit_entries_incident_id_seq_idx" ON "audit_entries"("incident_id", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "checklist_answers_incident_id_checklist_item_id_key" ON "checklist_answers"("incident_id", "checklist", "item_id");

-- CreateIndex
CREATE INDEX "change_windows_starts_at_ends_at_idx" ON "change_windows"("starts_at", "ends_at");

-- CreateIndex
CREATE INDEX "containment_plans_incident_id_idx" ON "containment_plans"("incident_id");

-- CreateIndex
CREATE UNIQUE INDEX "containment_steps_plan_id_position_key" ON "containment_steps"("plan_id", "position");

-- CreateIndex
CREATE UNIQUE INDEX "postmortems_incident_id_key" ON "postmortems"("incident_id");

-- CreateIndex
CREATE UNIQUE INDEX "postmortem_versions_postmortem_id_version_key" ON "postmortem_versions"("postmortem_id", "version");

-- CreateIndex
CREATE UNIQUE INDEX "digest_files_s3_key_key" ON "digest_files"("s3_key");

-- CreateIndex
CREATE INDEX "digest_files_account_id_region_digest_start_idx" ON "digest_files"("account_id", "region", "digest_start");

-- CreateIndex
CREATE INDEX "digest_log_files_s3_key_idx" ON "digest_log_files"("s3_key");

-- CreateIndex
CREATE INDEX "ingest_files_s3_key_idx" ON "ingest_files"("s3_key");

-- CreateIndex
CREATE INDEX "events_batch_id_idx" ON "events"("batch_id");

-- CreateIndex
CREATE INDEX "events_event_name_event_time_idx" ON "events"("event_name", "event_time");

-- AddForeignKey
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_commander_id_fkey" FOREIGN KEY ("commander_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "checklist_answers" ADD CONSTRAINT "checklist_answers_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "checklist_conclusions" ADD CONSTRAINT "checklist_conclusions_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "containment_plans" ADD CONSTRAINT "containment_plans_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "containment_steps" ADD CONSTRAINT "containment_steps_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "containment_plans"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "postmortems" ADD CONSTRAINT "postmortems_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "postmortem_versions" ADD CONSTRAINT "postmortem_versions_postmortem_id_fkey" FOREIGN KEY ("postmortem_id") REFERENCES "postmortems"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "digest_log_files" ADD CONSTRAINT "digest_log_files_digest_id_fkey" FOREIGN KEY ("digest_id") REFERENCES "digest_files"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- The audit log is append-only: UPDATE and DELETE on it do nothing. Rules are
-- used because the migration runner splits scripts at every semicolon, which
-- breaks PL/pgSQL trigger bodies.
CREATE RULE "audit_entries_no_update" AS ON UPDATE TO "audit_entries" DO INSTEAD NOTHING;

CREATE RULE "audit_entries_no_delete" AS ON DELETE TO "audit_entries" DO INSTEAD NOTHING;
