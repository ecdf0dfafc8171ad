/**
 * 草稿: what a cadre is typing, kept on the phone as they type, so a reload, a closed app or a lost signal
 * loses nothing. One key per draft (`visit:<visitId>`, `diary:new`, `demand:new` …); cleared once the text is
 * saved or queued. Capped (services/local-store.ts): 64 KB a draft, 40 drafts, the oldest dropped first.
 */
import { useEffect } from 'react'
import { LIMITS, jsonBytes, readKey, removeKey, writeKey } from './local-store'

const PREFIX = 'jdq.draft.'
const INDEX = 'jdq.draft.index'

interface Stored<T> {
  at: string
  value: T
}

export function loadDraft<T>(key: string): T | null {
  const s = readKey<Stored<T>>(PREFIX + key)
  return s && typeof s === 'object' && 'value' in s ? s.value : null
}

export function saveDraft<T>(key: string, value: T, now = new Date()): void {
  const stored: Stored<T> = { at: now.toISOString(), value }
  if (jsonBytes(stored) > LIMITS.draftBytes) return
  const index = (readKey<Record<string, string>>(INDEX) ?? {}) as Record<string, string>
  index[key] = stored.at
  const keys = Object.keys(index).sort((a, b) => index[a].localeCompare(index[b]))
  while (keys.length > LIMITS.drafts) {
    const old = keys.shift()!
    delete index[old]
    removeKey(PREFIX + old)
  }
  if (writeKey(PREFIX + key, stored)) writeKey(INDEX, index)
}

export function clearDraft(key: string): void {
  removeKey(PREFIX + key)
  const index = readKey<Record<string, string>>(INDEX)
  if (index && key in index) {
    delete index[key]
    writeKey(INDEX, index)
  }
}

/**
 * Keeps `value` as the draft `key` on every change (a draft is small: one synchronous write per edit, so
 * nothing typed is lost to a reload a moment later). `enabled` false: nothing is kept (e.g. the form is still
 * what the server has).
 */
export function useDraftSaver<T>(key: string, value: T, enabled: boolean): void {
  useEffect(() => {
    if (enabled) saveDraft(key, value)
  }, [key, value, enabled])
}
