/**
 * Message catalogs for what residents read. A page (or a group of pages) keeps its own catalog — a module
 * exporting `{ zh: {...}, bo: {...} }` with the same keys in both — and reads it with `useT(catalog)`:
 *
 *   import { useT } from '../../i18n'
 *   import { messages } from './messages'
 *   const { t, lang, setLang } = useT(messages)
 *   t('thanks')                      // 谢谢您！ / ཐུགས་རྗེ་ཆེ།
 *   t('deadline', { date: '6月3日' }) // {name} placeholders are filled in
 *
 * The language is the resident's own choice (LangSwitch), kept on their phone (WeChat storage is per user and
 * mini-program), and shared by every page. Chinese is the default and the fallback for a key a catalog lacks.
 * Tibetan (བོད་ཡིག) wording was written for this app and must be reviewed by a native speaker before release.
 */
import { useEffect, useState } from 'react'
import { readKey, writeKey } from '../services/local-store'

export type Lang = 'zh' | 'bo'
export const langNames: Record<Lang, string> = { zh: '中文', bo: 'བོད་ཡིག' }

export type Catalog<K extends string> = { zh: Record<K, string>; bo: Partial<Record<K, string>> }

const KEY = 'jdq.lang'
const listeners = new Set<(lang: Lang) => void>()

export function currentLang(): Lang {
  return readKey<string>(KEY) === 'bo' ? 'bo' : 'zh'
}

export function setLang(lang: Lang): void {
  writeKey(KEY, lang)
  for (const l of listeners) l(lang)
}

/** `{name}` in a message replaced by vars.name. */
export function fill(message: string, vars?: Record<string, string | number>): string {
  return vars ? message.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : message
}

export function translator<K extends string>(catalog: Catalog<K>, lang: Lang) {
  return (key: K, vars?: Record<string, string | number>) => fill((lang === 'bo' ? catalog.bo[key] : undefined) ?? catalog.zh[key], vars)
}

/** The current language (re-rendering when the resident switches) and `t` for one catalog. */
export function useT<K extends string>(catalog: Catalog<K>) {
  const [lang, set] = useState<Lang>(currentLang)
  useEffect(() => {
    listeners.add(set)
    return () => {
      listeners.delete(set)
    }
  }, [])
  return { lang, setLang, t: translator(catalog, lang) }
}
