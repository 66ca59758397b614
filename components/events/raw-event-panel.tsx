"use client";

import { useEffect, useRef } from "react";

import styles from "./raw-event-panel.module.css";
import { RawEventView } from "./raw-event-view";
import type { RawEventRef } from "./use-raw-event";

interface RawEventPanelProps {
  eventRef: RawEventRef;
  onClose: () => void;
}

/** A side panel showing a record's raw view. Escape closes it. */
export function RawEventPanel({ eventRef, onClose }: RawEventPanelProps) {
  const closeButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    closeButton.current?.focus();
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        onClose();
      }
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [onClose]);

  return (
    <aside className={styles.panel} aria-label="Raw record" role="complementary">
      <div className={styles.bar}>
        <span className={styles.label}>Raw record</span>
        <button ref={closeButton} type="button" className={styles.close} onClick={onClose} aria-label="Close">
          ×
        </button>
      </div>
      <div className={styles.body}>
        <RawEventView key={`${eventRef.source}/${eventRef.naturalId}`} eventRef={eventRef} showPageLink />
      </div>
    </aside>
  );
}
