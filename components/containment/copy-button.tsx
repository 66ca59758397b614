"use client";

import { useState } from "react";

import styles from "./containment.module.css";

const BUTTON_TEXT = { idle: "Copy", copied: "Copied", failed: "Copy failed" } as const;

/** Copies a text to the clipboard and shows the result on the button for two seconds. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<keyof typeof BUTTON_TEXT>("idle");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      // The clipboard needs a secure context (https or localhost) and the page's focus.
      setState("failed");
    }
    window.setTimeout(() => setState("idle"), 2000);
  };
  return (
    <button type="button" className={styles.copy} onClick={() => void copy()} aria-label={label}>
      {BUTTON_TEXT[state]}
    </button>
  );
}
