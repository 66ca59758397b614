"use client";

import { useState } from "react";

import { MarkdownView } from "./markdown-view";
import styles from "./postmortem-page.module.css";
import { useSavePostmortem } from "./use-postmortem";

interface PostmortemEditorProps {
  incidentId: string;
  markdown: string;
  baseVersion: number;
  onDone: () => void;
}

/** Markdown editor with a live preview; saving stores a new version on top of `baseVersion`. */
export function PostmortemEditor({ incidentId, markdown, baseVersion, onDone }: PostmortemEditorProps) {
  const [text, setText] = useState(markdown);
  const save = useSavePostmortem(incidentId);
  const changed = text !== markdown;
  const submit = () =>
    save.mutate({ markdown: text, baseVersion }, { onSuccess: () => onDone() });
  return (
    <div className={styles.editor}>
      <div className={styles.editorBar}>
        <span className={styles.muted}>Editing on top of version {baseVersion}. Markdown; HTML is shown as text.</span>
        <button type="button" className={styles.secondary} onClick={onDone} disabled={save.isPending}>
          Cancel
        </button>
        <button type="button" className={styles.primary} onClick={submit} disabled={!changed || save.isPending}>
          {save.isPending ? "Saving…" : "Save version"}
        </button>
      </div>
      {save.error ? (
        <p className={styles.error} role="alert">
          {save.error.message}
        </p>
      ) : null}
      <div className={styles.split}>
        <label className={styles.source}>
          <span className="visually-hidden">Postmortem Markdown</span>
          <textarea value={text} onChange={(event) => setText(event.target.value)} spellCheck />
        </label>
        <div className={styles.preview} aria-live="off">
          <MarkdownView markdown={text} label="Preview" />
        </div>
      </div>
    </div>
  );
}
