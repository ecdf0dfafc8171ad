import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

export interface OutboxMessage {
  at: string
  touser: string
  template_id: string
  page?: string
  data: Record<string, { value: string }>
  miniprogram_state?: string
  /** 0 when delivered; otherwise the errcode WeChat answered (the attempt is kept too). */
  errcode: number
  /** The function that sent it, when known. */
  from?: string
}

/**
 * Every subscribeMessage.send the emulator answered, one JSON line each, appended synchronously so
 * a crash loses nothing that was acknowledged.
 */
export class Outbox {
  private readonly file: string

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true })
    this.file = path.join(dataDir, 'outbox.jsonl')
  }

  add(message: OutboxMessage): void {
    appendFileSync(this.file, JSON.stringify(message) + '\n')
  }

  list(filter: { touser?: string; limit?: number } = {}): OutboxMessage[] {
    if (!existsSync(this.file)) return []
    const all = readFileSync(this.file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as OutboxMessage)
      .filter((m) => !filter.touser || m.touser === filter.touser)
    return all.slice(-(filter.limit ?? 100)).reverse()
  }
}
