import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { randomUUID } from 'node:crypto'
import { readBody, sendJson } from './http'
import { newMeter, TcbError, type EmulatorDatabase, type Meter } from './db/types'

/**
 * The emulator's HTTP front door. wx-server-sdk posts every TCB action to `/admin` (the URL we give it
 * in TCB_CONTEXT_CNFG); function instances get `/admin/i/<instanceId>` so the emulator knows which
 * invocation a database call belongs to. Feature modules register their admin actions and routes here.
 */

/** Who sent an admin request: a function instance (with its current invocation) or an outside SDK client. */
export interface AdminCaller {
  instanceId?: string
}

export type AdminHandler = (
  action: string,
  body: Record<string, unknown>,
  meter: Meter,
  caller: AdminCaller,
  raw: { req: IncomingMessage; bytes: Buffer }
) => Promise<Record<string, unknown> | RawReply>

/** A reply that is not the usual JSON envelope (wx.openApi answers in protobuf). */
export interface RawReply {
  raw: true
  status: number
  headers: Record<string, string>
  body: Buffer
}

export type RouteHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> | void

export interface Route {
  method: string
  /** Path prefix the route serves. */
  prefix: string
  handle: RouteHandler
}

export interface MeterSink {
  /** Called once per admin request with what it cost; the function runtime adds it to the invocation. */
  (caller: AdminCaller, action: string, meter: Meter): void
}

export class EmulatorServer {
  private readonly adminHandlers = new Map<string, AdminHandler>()
  private readonly routes: Route[] = []
  private readonly meterSinks: MeterSink[] = []
  /** Totals since start, for /__/metrics and benchmarks. */
  readonly totals: Meter & { requests: number } = { ...newMeter(), requests: 0 }
  private server = createServer((req, res) => {
    this.dispatch(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { code: 'INTERNAL', message: String(err) })
      else res.end()
    })
  })
  port = 0

  constructor(readonly db: EmulatorDatabase) {
    this.onAdmin('database.', (action, body, meter) => db.handle(action, body, meter))
    this.route('GET', '/__/metrics', (_req, res) => sendJson(res, 200, this.totals))
    this.route('GET', '/__/health', (_req, res) => sendJson(res, 200, { ok: true }))
  }

  /** Serve every admin action starting with `prefix` (e.g. 'functions.', 'storage.', 'wx.openApi'). */
  onAdmin(prefix: string, handler: AdminHandler): void {
    this.adminHandlers.set(prefix, handler)
  }

  route(method: string, prefix: string, handle: RouteHandler): void {
    this.routes.push({ method, prefix, handle })
    // Longest prefix first, so '/__/gateway/x' wins over a catch-all '/'.
    this.routes.sort((a, b) => b.prefix.length - a.prefix.length)
  }

  onMeter(sink: MeterSink): void {
    this.meterSinks.push(sink)
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`
  }

  async listen(port: number): Promise<void> {
    // SDK clients keep connections alive; a server that closes idle sockets first races their reuse
    // (ECONNRESET under load). Outlast the clients instead, and never cut a long request.
    this.server.keepAliveTimeout = 65_000
    this.server.headersTimeout = 66_000
    this.server.requestTimeout = 0
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject)
      this.server.listen(port, '127.0.0.1', () => resolve())
    })
    const address = this.server.address()
    this.port = typeof address === 'object' && address ? address.port : port
  }

  async close(): Promise<void> {
    this.server.closeAllConnections()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    if (req.method === 'POST' && (url.pathname === '/admin' || url.pathname.startsWith('/admin/'))) {
      const instanceId = url.pathname.startsWith('/admin/i/') ? url.pathname.slice('/admin/i/'.length) : undefined
      return this.admin(req, res, { instanceId })
    }
    for (const route of this.routes) {
      if ((route.method === req.method || route.method === '*') && url.pathname.startsWith(route.prefix)) {
        return route.handle(req, res, url)
      }
    }
    sendJson(res, 404, { code: 'NOT_FOUND', message: `没有这个地址：${url.pathname}` })
  }

  private async admin(req: IncomingMessage, res: ServerResponse, caller: AdminCaller): Promise<void> {
    const requestId = randomUUID()
    const bytes = await readBody(req)
    const contentType = req.headers['content-type'] ?? ''
    let body: Record<string, unknown>
    let action: string
    if (contentType.startsWith('multipart/form-data')) {
      // wx.openApi arrives as a form; its handler parses the parts itself.
      body = {}
      action = 'wx.openApi'
    } else {
      try {
        body = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>
      } catch {
        return sendJson(res, 200, { code: 'INVALID_PARAM', message: 'request body is not JSON', requestId })
      }
      action = String(body.action ?? '')
    }
    const handler = [...this.adminHandlers.entries()].find(([prefix]) => action.startsWith(prefix))?.[1]
    if (!handler) {
      return sendJson(res, 200, { code: 'INVALID_ACTION', message: `emulator does not serve ${action}`, requestId })
    }
    const meter = newMeter()
    try {
      const reply = await handler(action, body, meter, caller, { req, bytes })
      if ('raw' in reply && reply.raw === true) {
        const r = reply as RawReply
        res.writeHead(r.status, r.headers)
        res.end(r.body)
        return
      }
      sendJson(res, 200, { requestId, ...reply })
    } catch (err) {
      if (err instanceof TcbError) {
        sendJson(res, 200, { code: err.code, message: err.message, requestId })
      } else {
        console.error(`[emulator] ${action} failed:`, err)
        sendJson(res, 200, { code: 'SYS_ERR', message: err instanceof Error ? err.message : String(err), requestId })
      }
    } finally {
      this.totals.requests += 1
      this.totals.dbOps += meter.dbOps
      this.totals.docsExamined += meter.docsExamined
      this.totals.docsReturned += meter.docsReturned
      this.totals.keysExamined += meter.keysExamined
      for (const sink of this.meterSinks) sink(caller, action, meter)
    }
  }
}
