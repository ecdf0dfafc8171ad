import busboy from 'busboy'
import type { IncomingMessage } from 'node:http'
import QRCode from 'qrcode'
import type { EmulatorServer } from '../server'
import { readBody, sendJson } from '../http'
import type { FunctionPool } from '../runtime/pool'
import { checkMessageData } from '@/types/rules/subscribe-fields'
import { decodeRequest, encodeResponse } from './proto'
import { Outbox } from './outbox'

/**
 * Where a scanned code leads in the emulator. WeChat's code opens the mini-program at `page` with `scene`; here
 * it is the same page of the H5 app this emulator serves (hash router), so a phone's camera or a browser opens
 * it: `${base}/#/${page}?scene=…`. The base is JDQ_PUBLIC_URL (e.g. the machine's LAN address, for a real phone)
 * or the emulator's own origin.
 */
export function qrTarget(base: string, page: string, scene: string): string {
  return `${base.replace(/\/+$/, '')}/#/${page}?scene=${encodeURIComponent(scene)}`
}

const SCENE_RE = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/

interface WxReply {
  status?: number
  body: Buffer
  contentType: string
  errorCode?: number
}

const json = (value: object): WxReply => ({ body: Buffer.from(JSON.stringify(value)), contentType: 'application/json' })
const wxError = (errcode: number, errmsg: string) => json({ errcode, errmsg })

function parseForm(req: IncomingMessage, bytes: Buffer): Promise<Record<string, Buffer>> {
  return new Promise((resolve, reject) => {
    const parts: Record<string, Buffer> = {}
    const form = busboy({ headers: req.headers })
    form.on('field', (name, value) => (parts[name] = Buffer.from(value, 'utf8')))
    form.on('file', (name, stream) => {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => (parts[name] = Buffer.concat(chunks)))
    })
    form.on('close', () => resolve(parts))
    form.on('error', reject)
    form.end(bytes)
  })
}

/**
 * wx.openApi as wx-server-sdk sends it (cloud.openapi.*): subscribeMessage.send into a persistent
 * outbox with WeChat's field rules, and wxacode.getUnlimited answering a real PNG QR code.
 */
export function installOpenapi(server: EmulatorServer, pool: FunctionPool, dataDir: string): Outbox {
  const outbox = new Outbox(dataDir)
  /** Test hook: the next N sends to a user fail with an errcode (e.g. 43101, no quota left). */
  const planned = new Map<string, { errcode: number; count: number }>()

  const apis: Record<string, (p: Record<string, unknown>, from: string | undefined) => Promise<WxReply>> = {
    'subscribeMessage.send': async (p, from) => {
      const touser = typeof p.touser === 'string' ? p.touser : ''
      const template_id = typeof p.template_id === 'string' ? p.template_id : ''
      if (!touser) return wxError(40003, 'invalid openid')
      if (!template_id) return wxError(40037, 'invalid template_id')
      if (typeof p.page === 'string' && p.page.length > 0 && p.page.startsWith('/')) {
        // WeChat accepts a leading slash; nothing to refuse, kept as given.
      }
      const problem = checkMessageData(p.data)
      const base = { at: new Date().toISOString(), touser, template_id, page: p.page as string | undefined, data: p.data as never, from }
      if (problem) {
        outbox.add({ ...base, errcode: 47003 })
        return wxError(47003, `argument invalid! ${problem}`)
      }
      const plan = planned.get(touser)
      if (plan && plan.count > 0) {
        plan.count -= 1
        outbox.add({ ...base, errcode: plan.errcode })
        return wxError(plan.errcode, plan.errcode === 43101 ? 'user refuse to accept the msg' : 'planned failure')
      }
      outbox.add({ ...base, miniprogram_state: p.miniprogram_state as string | undefined, errcode: 0 })
      return json({ errcode: 0, errmsg: 'ok' })
    },
    'wxacode.getUnlimited': async (p) => {
      const scene = typeof p.scene === 'string' ? p.scene : String(p.scene ?? '')
      if (!SCENE_RE.test(scene)) return wxError(40169, 'invalid length for scene, or the data is not json string')
      const page = typeof p.page === 'string' ? p.page : ''
      if (page && (page.startsWith('/') || page.includes('?'))) return wxError(41030, 'invalid page rid')
      const width = Math.min(Math.max(Number(p.width ?? 430) || 430, 280), 1280)
      const target = qrTarget(process.env.JDQ_PUBLIC_URL || server.url, page, scene)
      const png = await QRCode.toBuffer(target, { type: 'png', width, margin: 2, errorCorrectionLevel: 'M' })
      return { body: png, contentType: 'image/png' }
    }
  }

  server.onAdmin('wx.openApi', async (_action, _body, _meter, caller, raw) => {
    const form = await parseForm(raw.req, raw.bytes)
    const apiName = form.apiName?.toString('utf8') ?? ''
    const fn = caller.instanceId ? pool.currentOf(caller.instanceId)?.record.fn : undefined
    let reply: WxReply
    if (fn && !(pool.config(fn).permissions?.openapi ?? []).includes(apiName)) {
      // The cloud refuses an API the function's config.json does not declare.
      reply = { body: Buffer.alloc(0), contentType: '', errorCode: -604101 }
    } else if (!apis[apiName]) {
      reply = wxError(40001, `the emulator does not implement ${apiName}`)
    } else {
      const { params } = decodeRequest(form.requestData ?? Buffer.alloc(0))
      reply = await apis[apiName](params, fn)
    }
    return {
      raw: true,
      status: 200,
      headers: { 'content-type': 'application/octet-stream' },
      body: encodeResponse(reply.body, reply.contentType, reply.errorCode)
    }
  })

  server.route('GET', '/__/outbox', (_req, res, url) => {
    sendJson(res, 200, {
      messages: outbox.list({ touser: url.searchParams.get('touser') ?? undefined, limit: Number(url.searchParams.get('limit') ?? 100) || 100 })
    })
  })

  server.route('POST', '/__/openapi/errcode', async (req, res) => {
    const { touser, errcode, count } = JSON.parse((await readBody(req, 4096)).toString('utf8')) as { touser: string; errcode: number; count?: number }
    planned.set(touser, { errcode, count: count ?? 1 })
    sendJson(res, 200, { ok: true })
  })

  return outbox
}
