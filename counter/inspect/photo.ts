/**
 * A phone camera's photo made fit to send: at most 1600 px on its long side, as JPEG — a few
 * hundred kB instead of several MB over the hall's Wi-Fi, and a type the hub accepts whatever the
 * camera wrote. A format the browser cannot decode is sent as it is (the hub judges it).
 */
const LONG_SIDE = 1600;

export async function shrinkPhoto(file: Blob): Promise<Blob> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return file;
  }
  const scale = Math.min(1, LONG_SIDE / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  const blob = await new Promise<Blob | null>((ok) => canvas.toBlob(ok, 'image/jpeg', 0.85));
  return blob ?? file;
}
