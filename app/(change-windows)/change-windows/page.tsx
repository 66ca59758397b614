import { ChangeWindowsView } from "@/components/change-windows/change-windows-view";
import { listChangeWindows } from "@/lib/response/change-windows/list-change-windows";

export const dynamic = "force-dynamic";

export const metadata = { title: "Change windows" };

export default async function ChangeWindowsPage() {
  const loadedAt = Date.now();
  const windows = await listChangeWindows();
  return <ChangeWindowsView initial={{ data: windows, loadedAt }} />;
}
