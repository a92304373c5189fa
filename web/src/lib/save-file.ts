/**
 * Hands a file the app has fetched to the browser as a download. The export is fetched first,
 * rather than linked, so a refusal shows as a message in the app instead of a page of JSON.
 */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has begun once click() returns; the address is freed after it has been read.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
