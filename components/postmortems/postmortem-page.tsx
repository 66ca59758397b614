"use client";

import Link from "next/link";
import { useState } from "react";

import { SeverityBadge, StatusBadge } from "@/components/badges/badge";
import type { InitialData } from "@/components/incidents/use-incidents";
import { responseHeadline } from "@/lib/reports/response-headline";

import { MarkdownView } from "./markdown-view";
import { PostmortemEditor } from "./postmortem-editor";
import styles from "./postmortem-page.module.css";
import { useGeneratePostmortem, usePostmortem, usePostmortemVersion, type PostmortemView } from "./use-postmortem";
import { VersionList } from "./version-list";

interface PostmortemPageProps {
  incidentId: string;
  initial: InitialData<PostmortemView>;
  /** Whether the caller may generate and edit; the API checks again. */
  canEdit: boolean;
}

export function PostmortemPage({ incidentId, initial, canEdit }: PostmortemPageProps) {
  const query = usePostmortem(incidentId, initial);
  const view = query.data ?? initial.data;
  const { incident, postmortem, metrics } = view;
  return (
    <section className={styles.page}>
      <header className={styles.header}>
        <div className={styles.titleRow}>
          <SeverityBadge severity={incident.severity} />
          <StatusBadge status={incident.status} />
          <h1>
            Postmortem · <Link href={`/incidents/${incident.id}`}>#{incident.number} {incident.title}</Link>
          </h1>
        </div>
        {metrics ? <p className={styles.headline}>{responseHeadline(metrics)}</p> : null}
      </header>
      {postmortem ? (
        <PostmortemBody view={view} canEdit={canEdit} />
      ) : (
        <GeneratePanel incidentId={incidentId} view={view} canEdit={canEdit} />
      )}
    </section>
  );
}

function GeneratePanel({ incidentId, view, canEdit }: { incidentId: string; view: PostmortemView; canEdit: boolean }) {
  const generate = useGeneratePostmortem(incidentId);
  const { eligibility } = view;
  return (
    <div className={styles.emptyPanel}>
      <h2>No postmortem yet</h2>
      <p className={styles.muted}>
        {eligibility.eligible
          ? "Watchfloor drafts it from the incident's logs, decisions, containment and audit trail; the team then edits the draft."
          : eligibility.reason}
      </p>
      {canEdit ? (
        <button
          type="button"
          className={styles.primary}
          disabled={!eligibility.eligible || generate.isPending}
          onClick={() => generate.mutate(false)}
        >
          {generate.isPending ? "Generating…" : "Generate postmortem"}
        </button>
      ) : (
        <p className={styles.muted}>An analyst or the incident commander generates it.</p>
      )}
      {generate.error ? (
        <p className={styles.error} role="alert">
          {generate.error.message}
        </p>
      ) : null}
    </div>
  );
}

function PostmortemBody({ view, canEdit }: { view: PostmortemView; canEdit: boolean }) {
  const postmortem = view.postmortem;
  const [mode, setMode] = useState<"view" | "edit">("view");
  const [shown, setShown] = useState<number | null>(null);
  const older = usePostmortemVersion(view.incident.id, shown !== null && shown !== postmortem?.currentVersion ? shown : null);
  if (!postmortem) {
    return null;
  }
  const showingOld = shown !== null && shown !== postmortem.currentVersion;
  const version = showingOld ? older.data : postmortem.current;
  const versionNumber = showingOld ? shown : postmortem.currentVersion;
  const exportUrl = (format: "md" | "pdf") =>
    `/api/incidents/${view.incident.id}/postmortem/export?format=${format}${showingOld ? `&version=${shown}` : ""}`;
  return (
    <>
      <div className={styles.toolbar}>
        <span className={styles.muted}>
          Version {versionNumber} of {postmortem.currentVersion}
          {showingOld ? " (older version, read-only)" : ""}
        </span>
        {showingOld ? (
          <button type="button" className={styles.secondary} onClick={() => setShown(null)}>
            Back to current
          </button>
        ) : null}
        <a className={styles.secondary} href={exportUrl("md")} download>
          Download Markdown
        </a>
        <a className={styles.secondary} href={exportUrl("pdf")} download>
          Download PDF
        </a>
        {canEdit && mode === "view" && !showingOld ? (
          <button type="button" className={styles.primary} onClick={() => setMode("edit")}>
            Edit
          </button>
        ) : null}
      </div>
      {mode === "edit" ? (
        <PostmortemEditor
          incidentId={view.incident.id}
          markdown={postmortem.current.markdown}
          baseVersion={postmortem.currentVersion}
          onDone={() => setMode("view")}
        />
      ) : version ? (
        <MarkdownView markdown={version.markdown} label={`Postmortem version ${versionNumber}`} />
      ) : (
        <p className={styles.muted}>Loading version {versionNumber}…</p>
      )}
      <section className={styles.history} aria-label="Version history">
        <h2>Version history</h2>
        <VersionList
          versions={postmortem.versions}
          currentVersion={postmortem.currentVersion}
          shownVersion={versionNumber ?? postmortem.currentVersion}
          onShow={(number) => {
            setMode("view");
            setShown(number);
          }}
        />
      </section>
    </>
  );
}
