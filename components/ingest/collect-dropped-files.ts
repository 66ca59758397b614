/** A file with the path it had inside what was dropped or picked (`logs/AWSLogs/...`). */
export interface PickedFile {
  file: File;
  name: string;
}

/**
 * Lists the files of a drop, walking dropped folders. Browsers expose folder
 * contents only through the entry API (`webkitGetAsEntry`), which every
 * current browser implements.
 */
export async function collectDroppedFiles(transfer: DataTransfer): Promise<PickedFile[]> {
  const entries = [...transfer.items]
    .filter((item) => item.kind === "file")
    .map((item) => item.webkitGetAsEntry())
    .filter((entry): entry is FileSystemEntry => entry !== null);
  if (entries.length === 0) {
    return [...transfer.files].map((file) => ({ file, name: file.name }));
  }
  const files: PickedFile[] = [];
  for (const entry of entries) {
    await walkEntry(entry, files);
  }
  return files;
}

/** Files picked with an `<input type="file">`, a folder's keeping their relative path. */
export function pickedFiles(list: FileList): PickedFile[] {
  return [...list].map((file) => ({ file, name: file.webkitRelativePath || file.name })).filter((picked) => !isHidden(picked.name));
}

/** Hidden files (`.DS_Store`) are operating system litter, never AWS output; the CLI skips them too. */
function isHidden(path: string): boolean {
  return path.split("/").some((part) => part.startsWith("."));
}

async function walkEntry(entry: FileSystemEntry, files: PickedFile[]): Promise<void> {
  if (isHidden(entry.name)) {
    return;
  }
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    files.push({ file, name: entry.fullPath.replace(/^\//, "") });
    return;
  }
  if (!entry.isDirectory) {
    return;
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries returns the contents in batches, and an empty batch at the end.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) {
      return;
    }
    for (const child of batch) {
      await walkEntry(child, files);
    }
  }
}
