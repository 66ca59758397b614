"use client";

import { Badge } from "@/components/badges/badge";
import { formatUtc } from "@/components/format/format-utc";
import controls from "@/components/forms/form-controls.module.css";
import { useViewerPermission } from "@/components/providers/viewer-provider";

import { ChecklistItemCard } from "./checklist-item-card";
import styles from "./decisions.module.css";
import { conclusionColor, conclusionLabel } from "./indication-color";
import { type ChecklistView, useChecklistMutations } from "./use-checklists";

/** One checklist: its items and its conclusion. */
export function ChecklistPanel({ incidentId, checklist }: { incidentId: string; checklist: ChecklistView }) {
  const { answer, conclude } = useChecklistMutations(incidentId, checklist.id);
  const complete = checklist.answered === checklist.items.length;
  const { recorded } = checklist;
  const viewer = useViewerPermission("checklist.answer");
  return (
    <div className={styles.panel} role="tabpanel" aria-label={checklist.title} data-checklist={checklist.id}>
      <ol className={styles.items}>
        {checklist.items.map((item) => (
          <ChecklistItemCard
            key={item.id}
            item={item}
            busy={answer.isPending}
            canAnswer={viewer.allowed}
            onAnswer={(input) => answer.mutate({ itemId: item.id, ...input })}
          />
        ))}
      </ol>
      {answer.error ? (
        <p className={styles.error} role="alert">
          {answer.error.message}
        </p>
      ) : null}
      <div className={styles.conclusion} data-testid="conclusion">
        <div className={styles.conclusionText}>
          <span className={styles.label}>{recorded ? "Conclusion" : "Proposed conclusion"}</span>
          <Badge color={conclusionColor(recorded?.conclusion ?? checklist.proposed.conclusion)}>
            {conclusionLabel(recorded?.conclusion ?? checklist.proposed.conclusion)}
          </Badge>
          <p className={styles.summary}>{recorded?.summary ?? checklist.proposed.summary}</p>
          {recorded ? (
            <p className={styles.muted}>
              Recorded by {recorded.decidedBy} at {formatUtc(recorded.decidedAt)} UTC
              {recorded.stale ? " · an answer changed since; record it again" : ""}
            </p>
          ) : (
            <p className={styles.muted}>
              {complete
                ? "Every item is answered."
                : `${checklist.items.length - checklist.answered} of ${checklist.items.length} items still need an answer; suggestions stand in for them.`}
            </p>
          )}
        </div>
        {viewer.allowed ? (
          <button
            type="button"
            className={`${controls.button} ${controls.primary}`}
            disabled={!complete || conclude.isPending || (recorded !== null && !recorded.stale)}
            onClick={() => conclude.mutate()}
          >
            Record conclusion
          </button>
        ) : viewer.role !== null ? (
          <p className={styles.muted}>The {viewer.role} role reads the checklists; an analyst or incident commander answers them.</p>
        ) : null}
      </div>
      {conclude.error ? (
        <p className={styles.error} role="alert">
          {conclude.error.message}
        </p>
      ) : null}
    </div>
  );
}
