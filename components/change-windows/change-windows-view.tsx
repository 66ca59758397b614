"use client";

import { type ChangeEvent, type FormEvent, useState } from "react";

import { formatUtc } from "@/components/format/format-utc";
import controls from "@/components/forms/form-controls.module.css";
import type { InitialData } from "@/components/incidents/use-incidents";
import type { ChangeWindowView } from "@/lib/response/change-windows/list-change-windows";

import styles from "./change-windows.module.css";
import { type ChangeWindowForm, useChangeWindowMutations, useChangeWindows } from "./use-change-windows";

const EMPTY: ChangeWindowForm = { title: "", startsAt: "", endsAt: "", accountId: "", principalPattern: "", reference: "" };

/** `datetime-local` values carry no zone; every time on Watchfloor is UTC, so they are sent as UTC. */
function asUtc(value: string): string {
  if (!value) {
    return value;
  }
  return value.length === 16 ? `${value}:00Z` : `${value}Z`;
}

export function ChangeWindowsView({ initial }: { initial: InitialData<ChangeWindowView[]> }) {
  const query = useChangeWindows(initial);
  const { create, remove, upload } = useChangeWindowMutations();
  const [form, setForm] = useState(EMPTY);
  const field = (name: keyof ChangeWindowForm) => ({
    value: form[name],
    onChange: (event: ChangeEvent<HTMLInputElement>) => setForm({ ...form, [name]: event.target.value }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ ...form, startsAt: asUtc(form.startsAt), endsAt: asUtc(form.endsAt) }, { onSuccess: () => setForm(EMPTY) });
  };
  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) {
      upload.mutate(file);
    }
    event.target.value = "";
  };
  const windows = query.data ?? [];
  return (
    <div className={styles.page}>
      <h1>Change windows</h1>
      <p className={styles.intro}>
        Change records and maintenance windows. Activity inside one may be legitimate administration; the
        compromise checklist of an incident looks for them. All times are UTC.
      </p>
      <form className={styles.form} onSubmit={submit} aria-label="Add a change window">
        <input className={controls.input} placeholder="Title" aria-label="Title" required {...field("title")} />
        <label className={styles.field}>
          Start (UTC)
          <input className={controls.input} type="datetime-local" required {...field("startsAt")} />
        </label>
        <label className={styles.field}>
          End (UTC)
          <input className={controls.input} type="datetime-local" required {...field("endsAt")} />
        </label>
        <input className={controls.input} placeholder="Account (12 digits)" aria-label="Account" {...field("accountId")} />
        <input className={controls.input} placeholder="Principal ARN or name, * allowed" aria-label="Principal" {...field("principalPattern")} />
        <input className={controls.input} placeholder="Reference (CHG-1042)" aria-label="Reference" {...field("reference")} />
        <button type="submit" className={`${controls.button} ${controls.primary}`} disabled={create.isPending}>
          Add
        </button>
        <label className={controls.button}>
          Import CSV or iCalendar…
          <input type="file" accept=".csv,.ics,text/csv,text/calendar" className="visually-hidden" onChange={onFile} />
        </label>
      </form>
      {create.error ? <p className={controls.error} role="alert">{create.error.message}</p> : null}
      {upload.error ? <p className={controls.error} role="alert">{upload.error.message}</p> : null}
      {upload.data ? <ImportReport result={upload.data} /> : null}
      <table className={styles.table} aria-label="Change windows">
        <thead>
          <tr>
            <th>Title</th>
            <th>Start (UTC)</th>
            <th>End (UTC)</th>
            <th>Account</th>
            <th>Principal</th>
            <th>Reference</th>
            <th>Source</th>
            <th>Added by</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {windows.length === 0 ? (
            <tr>
              <td colSpan={9} className={styles.empty}>
                No change windows yet.
              </td>
            </tr>
          ) : null}
          {windows.map((window) => (
            <tr key={window.id} id={window.id}>
              <td>{window.title}</td>
              <td className="mono">{formatUtc(window.startsAt)}</td>
              <td className="mono">{formatUtc(window.endsAt)}</td>
              <td className="mono">{window.accountId ?? "any"}</td>
              <td className="mono">{window.principalPattern ?? "any"}</td>
              <td>{window.reference ?? "—"}</td>
              <td>{window.source}</td>
              <td>{window.createdBy}</td>
              <td>
                <button type="button" className={`${controls.button} ${controls.danger}`} disabled={remove.isPending} onClick={() => remove.mutate(window.id)}>
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ImportReport({ result }: { result: NonNullable<ReturnType<typeof useChangeWindowMutations>["upload"]["data"]> }) {
  return (
    <div className={styles.report} role="status">
      {result.file}: {result.imported} imported, {result.duplicates} already stored, {result.rejected.length} rejected.
      {result.rejected.length > 0 ? (
        <ul>
          {result.rejected.map((rejection) => (
            <li key={`${rejection.row}-${rejection.field}`}>
              {rejection.file} row {rejection.row}, {rejection.field}: {rejection.reason}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
