"use client";

import Link from "next/link";
import { type FormEvent, useState } from "react";

import { Badge } from "@/components/badges/badge";
import { formatUtc } from "@/components/format/format-utc";
import controls from "@/components/forms/form-controls.module.css";

import styles from "./decisions.module.css";
import { indicationColor } from "./indication-color";
import type { ChecklistItemView } from "./use-checklists";

interface ChecklistItemCardProps {
  item: ChecklistItemView;
  busy: boolean;
  /** False for a role without the checklist permission, which leaves out the confirm and override controls. */
  canAnswer: boolean;
  onAnswer: (input: { answer: "confirm" | "override"; reason?: string }) => void;
}

/** A question with its evidence, the suggested answer, and the analyst's confirm or override. */
export function ChecklistItemCard({ item, busy, canAnswer, onAnswer }: ChecklistItemCardProps) {
  const [editing, setEditing] = useState(false);
  const [overriding, setOverriding] = useState(false);
  const [reason, setReason] = useState("");
  const answered = item.answer !== null && !editing;
  const outcome = item.answer?.outcome ?? item.suggested;
  const submitOverride = (event: FormEvent) => {
    event.preventDefault();
    onAnswer({ answer: "override", reason });
    setOverriding(false);
    setEditing(false);
  };
  return (
    <li className={styles.item} data-item-id={item.id} data-answered={item.answer ? item.answer.answer : undefined}>
      <div className={styles.itemHead}>
        <h3 className={styles.question}>{item.question}</h3>
        <Badge color={indicationColor(outcome.indicates)} title={`Points to: ${outcome.indicates}`}>
          {outcome.value}
        </Badge>
      </div>
      <dl className={styles.facts}>
        {item.evidence.facts.map((fact, index) => (
          <div key={`${fact.label}-${index}`} className={styles.fact}>
            <dt>{fact.label}</dt>
            <dd>
              {fact.value}
              {fact.links.map((link) => (
                <Link key={link.href} href={link.href} className={styles.evidenceLink}>
                  {link.label}
                </Link>
              ))}
            </dd>
          </div>
        ))}
      </dl>
      {item.evidence.table ? <EvidenceTable table={item.evidence.table} /> : null}
      <p className={styles.suggested}>
        <span className={styles.label}>{item.answer ? "Answer" : "Suggested"}</span> {outcome.text}
      </p>
      {answered && item.answer ? (
        <p className={styles.answered}>
          {item.answer.answer === "override" ? "Overridden" : "Confirmed"} by {item.answer.answeredBy} at{" "}
          {formatUtc(item.answer.answeredAt)} UTC{item.answer.reason ? `: ${item.answer.reason}` : ""}{" "}
          {canAnswer ? (
            <button type="button" className={controls.button} onClick={() => setEditing(true)}>
              Change
            </button>
          ) : null}
        </p>
      ) : !canAnswer ? null : (
        <div className={styles.answerControls}>
          <button
            type="button"
            className={`${controls.button} ${controls.primary}`}
            disabled={busy}
            onClick={() => {
              onAnswer({ answer: "confirm" });
              setEditing(false);
            }}
          >
            Confirm
          </button>
          <button type="button" className={controls.button} disabled={busy} onClick={() => setOverriding(true)}>
            Override…
          </button>
        </div>
      )}
      {overriding ? (
        <form className={styles.override} onSubmit={submitOverride}>
          <p className={styles.muted}>Override records: {item.alternative.text}</p>
          <textarea
            className={controls.textarea}
            aria-label="Reason for the override"
            placeholder="Why the suggested answer is wrong"
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            required
          />
          <div className={styles.answerControls}>
            <button type="submit" className={`${controls.button} ${controls.primary}`} disabled={busy || reason.trim() === ""}>
              Save override
            </button>
            <button type="button" className={controls.button} onClick={() => setOverriding(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
    </li>
  );
}

function EvidenceTable({ table }: { table: NonNullable<ChecklistItemView["evidence"]["table"]> }) {
  return (
    <details className={styles.tableDetails} open={table.rows.length <= 3}>
      <summary>{table.rows.length} rows</summary>
      <div className={styles.tableWrap}>
        <table className={styles.table}>
          <thead>
            <tr>
              {table.columns.map((column) => (
                <th key={column}>{column}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, index) => (
              <tr key={index}>
                {row.map((cell, cellIndex) => (
                  <td key={cellIndex} title={cell}>
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
