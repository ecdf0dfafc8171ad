/**
 * Voice messages for tests, byte-exact: a silent mp3 as WeChat's recorder is asked to make it (MPEG-2 Layer III,
 * 16 kHz, 32 kbps, mono: 144-byte frames of 36 ms), and the first bytes of the containers a browser records.
 */
export function silentMp3(seconds: number, { id3 = false } = {}): Buffer {
  const frame = Buffer.alloc(144)
  frame.set([0xff, 0xf3, 0x48, 0xc4])
  const frames = Array.from({ length: Math.round((seconds * 1000) / 36) }, () => frame)
  // An ID3v2 tag of 20 bytes (size as a syncsafe number), as some encoders write first.
  const tag = Buffer.from([0x49, 0x44, 0x33, 3, 0, 0, 0, 0, 0, 20, ...new Array(20).fill(0)])
  return Buffer.concat(id3 ? [tag, ...frames] : frames)
}

/** A browser's webm recording as far as the checks read it: the EBML magic, then `bytes` in all. */
export function webmOf(bytes: number): Buffer {
  const b = Buffer.alloc(bytes, 0x42)
  b.set([0x1a, 0x45, 0xdf, 0xa3])
  return b
}
