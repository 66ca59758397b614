"use client";

import { useState } from "react";

import { Badge } from "@/components/badges/badge";

import { ChecklistPanel } from "./checklist-panel";
import styles from "./decisions.module.css";
import { conclusionColor, conclusionLabel } from "./indication-color";
import { useChecklists } from "./use-checklists";

/** The three decision checklists of an incident, one tab each. */
export function DecisionsSection({ incidentId }: { incidentId: string }) {
  const query = useChecklists(incidentId);
  const [selected, setSelected] = useState("compromise");
  const checklists = query.data ?? [];
  const current = checklists.find((checklist) => checklist.id === selected) ?? checklists[0];
  return (
    <section className={styles.section} aria-label="Decisions">
      <div className={styles.heading}>
        <h2>Decisions</h2>
        <div className={styles.tabs} role="tablist" aria-label="Checklists">
          {checklists.map((checklist) => {
            const conclusion = checklist.recorded?.conclusion ?? checklist.proposed.conclusion;
            return (
              <button
                key={checklist.id}
                type="button"
                role="tab"
                aria-selected={current?.id === checklist.id}
                className={styles.tab}
                onClick={() => setSelected(checklist.id)}
              >
                <span>{checklist.title}</span>
                <span className={styles.tabMeta}>
                  {checklist.answered}/{checklist.items.length}
                </span>
                <Badge color={conclusionColor(conclusion)} quiet title={checklist.recorded ? "Recorded conclusion" : "Proposed from the answers so far"}>
                  {checklist.recorded ? "" : "≈ "}
                  {conclusionLabel(conclusion)}
                </Badge>
              </button>
            );
          })}
        </div>
      </div>
      {query.isLoading ? <p className={styles.muted}>Computing the checklists from the logs…</p> : null}
      {query.error ? (
        <p className={styles.error} role="alert">
          The checklists could not be loaded: {query.error.message}
        </p>
      ) : null}
      {current ? <ChecklistPanel incidentId={incidentId} checklist={current} /> : null}
    </section>
  );
}
