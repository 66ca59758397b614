import { formatUtc } from "@/components/format/format-utc";
import type { PostmortemVersionSummary } from "@/lib/reports/postmortem-types";

import styles from "./postmortem-page.module.css";

interface VersionListProps {
  versions: PostmortemVersionSummary[];
  currentVersion: number;
  shownVersion: number;
  onShow: (version: number) => void;
}

/** Every stored version, newest first; each can be opened read-only. */
export function VersionList({ versions, currentVersion, shownVersion, onShow }: VersionListProps) {
  return (
    <table className={styles.versions} aria-label="Versions">
      <thead>
        <tr>
          <th>Version</th>
          <th>Saved (UTC)</th>
          <th>Author</th>
          <th>Kind</th>
          <th>Length</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {versions.map((version) => (
          <tr key={version.version} aria-current={version.version === shownVersion ? "true" : undefined}>
            <td className={styles.mono}>
              v{version.version}
              {version.version === currentVersion ? <span className={styles.tag}>current</span> : null}
            </td>
            <td className={styles.mono}>{formatUtc(version.createdAt)}</td>
            <td>{version.author}</td>
            <td>{version.generated ? "generated draft" : "edit"}</td>
            <td className={styles.mono}>{version.length.toLocaleString("en-US")} chars</td>
            <td>
              <button type="button" className={styles.link} onClick={() => onShow(version.version)}>
                View v{version.version}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
