/** A stored version of a postmortem, without its text. */
export interface PostmortemVersionSummary {
  version: number;
  author: string;
  generated: boolean;
  createdAt: string;
  /** Length of the Markdown in characters. */
  length: number;
}

export interface PostmortemVersionDetail extends PostmortemVersionSummary {
  markdown: string;
}

/** A postmortem with its current text and every version, newest first. */
export interface PostmortemDetail {
  id: string;
  incidentId: string;
  currentVersion: number;
  createdAt: string;
  updatedAt: string;
  current: PostmortemVersionDetail;
  versions: PostmortemVersionSummary[];
}
