/**
 * Reads the header of a PCM WAV file: enough to check a voice clip and list its duration in the
 * manifest without an audio library. Pure; works on bytes from fs or fetch.
 */

export interface WavInfo {
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  /** Bytes of sample data. */
  dataBytes: number;
  durationMs: number;
}

export class WavError extends Error {
  override name = 'WavError';
}

const ascii = (bytes: Uint8Array, at: number): string => String.fromCharCode(...bytes.subarray(at, at + 4));

/** Parses a RIFF/WAVE PCM header; throws WavError saying what is wrong. */
export function readWavInfo(bytes: Uint8Array): WavInfo {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 12 || ascii(bytes, 0) !== 'RIFF' || ascii(bytes, 8) !== 'WAVE')
    throw new WavError('not a RIFF/WAVE file');
  let fmt: Omit<WavInfo, 'dataBytes' | 'durationMs'> | undefined;
  // Chunks are walked rather than assumed at fixed offsets: sox and recorders add LIST/fact chunks.
  for (let at = 12; at + 8 <= bytes.length; ) {
    const id = ascii(bytes, at);
    const size = view.getUint32(at + 4, true);
    const body = at + 8;
    if (id === 'fmt ') {
      const format = view.getUint16(body, true);
      // 0xFFFE (extensible) is still PCM when its sub-format says so; sox writes it for some inputs.
      const pcm = format === 1 || (format === 0xfffe && size >= 26 && view.getUint16(body + 24, true) === 1);
      if (!pcm) throw new WavError(`not PCM (format ${format})`);
      fmt = {
        channels: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true),
        bitsPerSample: view.getUint16(body + 14, true),
      };
    } else if (id === 'data') {
      if (!fmt) throw new WavError('data chunk before fmt chunk');
      if (body + size > bytes.length) throw new WavError(`data chunk says ${size} bytes, file has ${bytes.length - body}`);
      const frameBytes = fmt.channels * (fmt.bitsPerSample / 8);
      if (frameBytes <= 0 || fmt.sampleRate <= 0) throw new WavError('fmt chunk has no channels or rate');
      return { ...fmt, dataBytes: size, durationMs: Math.round((size / frameBytes / fmt.sampleRate) * 1000) };
    }
    at = body + size + (size % 2); // chunks are word-aligned
  }
  throw new WavError(fmt ? 'no data chunk' : 'no fmt chunk');
}
