import { redirect } from "next/navigation";

interface IncidentsIndexProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/** Sends `/incidents`, the folder of every incident page, to the incident list at `/`, keeping the query. */
export default async function IncidentsIndex({ searchParams }: IncidentsIndexProps) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(await searchParams)) {
    const values = Array.isArray(value) ? value : [value];
    for (const item of values) {
      if (item !== undefined) {
        query.append(name, item);
      }
    }
  }
  const search = query.toString();
  redirect(search ? `/?${search}` : "/");
}
