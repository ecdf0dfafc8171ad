/**
 * What the app keeps on the phone, and how much. WeChat gives a mini-program 10 MB of storage per user and
 * at most 1 MB per key; a full storage makes every later write throw. So each kind of thing has its own cap,
 * and their sum stays far below the limit:
 *   the offline queue (one key)      ≤ 900 KB  (refuses new items beyond: the cadre is told, the draft stays)
 *   cached reads (one key each)      ≤ 2 MB in all, 256 KB each (oldest dropped first)
 *   drafts (one key each)            ≤ 40 drafts, 64 KB each (oldest dropped first)
 * Sizes are measured as UTF-8 bytes of the JSON written (Chinese text is 3 bytes a character).
 */
import Taro from '@tarojs/taro'

export const LIMITS = {
  /** WeChat's own limit for one mini-program and user. */
  storageBytes: 10 * 1024 * 1024,
  outboxBytes: 900 * 1024,
  outboxItems: 200,
  cacheBytes: 2 * 1024 * 1024,
  cacheEntryBytes: 256 * 1024,
  drafts: 40,
  draftBytes: 64 * 1024
} as const

/** UTF-8 length of a string, without TextEncoder (absent from some mini-program engines). */
export function utf8Bytes(s: string): number {
  let n = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x80) n += 1
    else if (c < 0x800) n += 2
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4
      i += 1
    } else n += 3
  }
  return n
}

export const jsonBytes = (value: unknown): number => utf8Bytes(JSON.stringify(value) ?? '')

/** Reads a key; anything unreadable is treated as absent (storage can be cleared by WeChat at any time). */
export function readKey<T>(key: string): T | null {
  try {
    const raw: unknown = Taro.getStorageSync(key)
    return raw === '' || raw === undefined || raw === null ? null : (raw as T)
  } catch {
    return null
  }
}

/** Writes a key; false when the phone refused (storage full). */
export function writeKey(key: string, value: unknown): boolean {
  try {
    Taro.setStorageSync(key, value)
    return true
  } catch {
    return false
  }
}

export function removeKey(key: string): void {
  try {
    Taro.removeStorageSync(key)
  } catch {
    // already gone
  }
}

/** What the phone reports for this mini-program's storage, in KB (null where the platform cannot tell). */
export function storageUsage(): { usedKB: number; limitKB: number } | null {
  try {
    const info = Taro.getStorageInfoSync()
    // A browser's Taro answers NaN: it cannot tell.
    if (!Number.isFinite(info.currentSize)) return null
    return { usedKB: info.currentSize, limitKB: Number.isFinite(info.limitSize) && info.limitSize > 0 ? info.limitSize : LIMITS.storageBytes / 1024 }
  } catch {
    return null
  }
}
