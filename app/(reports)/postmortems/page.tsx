import { PostmortemList } from "@/components/postmortems/postmortem-list";
import { listPostmortems } from "@/lib/reports/list-postmortems";

export const dynamic = "force-dynamic";

export const metadata = { title: "Postmortems" };

export default async function PostmortemsPage() {
  return <PostmortemList data={await listPostmortems()} />;
}
