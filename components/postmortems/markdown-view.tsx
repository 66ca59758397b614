import { useMemo } from "react";

import styles from "./markdown-view.module.css";
import { renderMarkdown } from "./render-markdown";

/** Renders postmortem Markdown; renderMarkdown leaves no raw HTML and no unsafe links in the output. */
export function MarkdownView({ markdown, label }: { markdown: string; label: string }) {
  const html = useMemo(() => renderMarkdown(markdown), [markdown]);
  return <article className={styles.markdown} aria-label={label} dangerouslySetInnerHTML={{ __html: html }} />;
}
