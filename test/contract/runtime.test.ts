import path from 'node:path'
import { spawnSync } from 'node:child_process'
import { PNG } from 'pngjs'
import jsQR from 'jsqr'
import { startEmulator, loadSdk, type TestEmulator } from '../helpers/emulator'
import { TIME_SCALE } from '../helpers/time-scale'

const root = path.resolve(__dirname, '../..')
const fixtures = path.join(root, 'test/fixtures/functions')

interface Who {
  event?: unknown
  wx: Record<string, unknown>
  pid: number
  tz: string
}

async function gateway<T>(
  url: string,
  openid: string | null,
  name: string,
  data: unknown
): Promise<{ status: number; body: { result?: T; code?: string; message?: string } }> {
  const res = await fetch(`${url}/__/gateway/callFunction`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(openid ? { 'x-dev-openid': openid } : {}) },
    body: JSON.stringify({ name, data })
  })
  return { status: res.status, body: (await res.json()) as { result?: T } }
}

async function invocations(url: string): Promise<{ fn: string; cold: boolean; openid: string | null; ok: boolean }[]> {
  return (
    (await (await fetch(`${url}/__/invocations?limit=100`)).json()) as { invocations: { fn: string; cold: boolean; openid: string | null; ok: boolean }[] }
  ).invocations
}

function decodeQr(png: Buffer): string | null {
  const image = PNG.sync.read(png)
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null
}

describe('emulator runtime through the real wx-server-sdk', () => {
  let emu: TestEmulator
  let cloud: ReturnType<typeof loadSdk>

  beforeAll(async () => {
    emu = await startEmulator({ args: ['--functions', fixtures, '--no-timers'] })
    cloud = loadSdk(emu.url)
  })
  afterAll(() => emu?.stop())

  describe('functions', () => {
    it('gives each caller their own OPENID on the same warm instance, in UTC', async () => {
      const a = await gateway<Who>(emu.url, 'o-alice', 'whoami', { n: 1 })
      const b = await gateway<Who>(emu.url, 'o-bob', 'whoami', { n: 2 })
      expect(a.body.result?.wx).toMatchObject({ OPENID: 'o-alice', ENV: 'jdq-local' })
      expect(b.body.result?.wx).toMatchObject({ OPENID: 'o-bob' })
      expect(b.body.result?.pid).toBe(a.body.result?.pid)
      expect(a.body.result?.tz).toBe('UTC')
      const recent = (await invocations(emu.url)).filter((i) => i.fn === 'whoami')
      expect(recent.map((i) => i.cold)).toEqual([false, true])
    })

    it('gives an outside SDK call no user', async () => {
      const res = (await cloud.callFunction({ name: 'whoami', data: { via: 'sdk' } })) as unknown as { result: Who & { event: unknown } }
      expect(res.result.wx.OPENID).toBeUndefined()
      expect(res.result.event).toEqual({ via: 'sdk' })
    })

    it('passes the caller on when one function calls another', async () => {
      const { body } = await gateway<{ mine: string; callee: Who }>(emu.url, 'o-carol', 'caller', {})
      expect(body.result?.mine).toBe('o-carol')
      expect(body.result?.callee.wx).toMatchObject({ OPENID: 'o-carol' })
      expect(body.result?.callee.event).toEqual({ from: 'caller' })
    })

    it('runs concurrent calls in separate instances', async () => {
      const [x, y] = await Promise.all([
        gateway<{ pid: number }>(emu.url, 'o-a', 'slow', { ms: 400 }),
        gateway<{ pid: number }>(emu.url, 'o-b', 'slow', { ms: 400 })
      ])
      expect(x.body.result?.pid).toBeDefined()
      expect(x.body.result?.pid).not.toBe(y.body.result?.pid)
    })

    it('stops a call at the timeout from config.json and answers the next one', async () => {
      // `slow` has a 2 s limit; the emulator waits TIME_SCALE times that on a test machine.
      const late = await gateway(emu.url, 'o-a', 'slow', { ms: 2000 * TIME_SCALE + 2000 })
      expect(late.status).toBe(504)
      expect(late.body.message).toMatch(/稍后/)
      const next = await gateway<{ pid: number }>(emu.url, 'o-a', 'slow', { ms: 10 })
      expect(next.status).toBe(200)
    })

    it('reports a crash mid-call and replaces the instance', async () => {
      const first = await gateway<{ pid: number }>(emu.url, 'o-a', 'crash', {})
      const crashed = await gateway(emu.url, 'o-a', 'crash', { crash: true })
      expect(crashed.status).toBe(502)
      const after = await gateway<{ pid: number }>(emu.url, 'o-a', 'crash', {})
      expect(after.status).toBe(200)
      expect(after.body.result?.pid).not.toBe(first.body.result?.pid)
    })

    it('refuses the gateway without a session, and an unknown function', async () => {
      expect((await gateway(emu.url, null, 'whoami', {})).status).toBe(401)
      const unknown = await gateway(emu.url, 'o-a', 'nope', {})
      expect(unknown.status).toBe(404)
      await expect(cloud.callFunction({ name: 'nope', data: {} })).rejects.toBeTruthy()
    })

    it('refuses a dev identity that is not a plausible openid, so none reaches a function as “no caller”', async () => {
      // getWXContext() turns an all-digit value into a number; a function would read it as the platform's timer.
      for (const bad of ['12345', '-7', '0', 'o a', 'o-ä', 'x'.repeat(65)]) {
        const res = await gateway(emu.url, bad, 'whoami', {})
        expect({ bad, status: res.status, code: res.body.code }).toEqual({ bad, status: 400, code: 'BAD_REQUEST' })
      }
      const ok = await gateway<Who>(emu.url, 'o-123', 'whoami', {})
      expect(ok.status).toBe(200)
      expect(ok.body.result?.wx).toMatchObject({ OPENID: 'o-123', SOURCE: 'wx_client' })
    })
  })

  describe('timers', () => {
    it('fires a timer trigger over HTTP and from the CLI with the Timer event', async () => {
      const res = await fetch(`${emu.url}/__/timers/tick/everySecond/fire`, { method: 'POST' })
      const body = (await res.json()) as { result: { event: { Type: string; TriggerName: string; Time: string }; wx: Record<string, unknown> } }
      expect(body.result.event).toMatchObject({ Type: 'Timer', TriggerName: 'everySecond' })
      expect(body.result.event.Time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/)
      // What the platform says started the run (a timer run has no OPENID): functions check it.
      expect(body.result.wx).toMatchObject({ SOURCE: 'wx_trigger' })
      expect(body.result.wx.OPENID).toBeUndefined()
      const cli = spawnSync(process.execPath, ['--import', 'tsx', 'emulator/cli.ts', 'timer', 'fire', 'tick', '--url', emu.url], {
        cwd: root,
        encoding: 'utf8'
      })
      expect(cli.status).toBe(0)
      expect(cli.stdout).toContain('"TriggerName": "everySecond"')
      const { total } = (await cloud.database().collection('ticks').where({ 'event.Type': 'Timer' }).count()) as { total: number }
      expect(total).toBe(2)
    })

    it('runs timers on their schedule when enabled', async () => {
      const scheduled = await startEmulator({ args: ['--functions', fixtures] })
      try {
        // Every second by the cron; allow a loaded machine a few seconds for the first run to finish.
        let runs: unknown[] = []
        for (let waited = 0; waited < 15000 && runs.length === 0; waited += 500) {
          await new Promise((r) => setTimeout(r, 500))
          runs = (await invocations(scheduled.url)).filter((i) => i.fn === 'tick' && i.ok)
        }
        expect(runs.length).toBeGreaterThanOrEqual(1)
      } finally {
        await scheduled.stop()
      }
    })
  })

  describe('storage', () => {
    it('uploads, hands out a temporary URL, downloads and deletes', async () => {
      const bytes = Buffer.from('民情日记 · 2026')
      const up = (await cloud.uploadFile({ cloudPath: 'diaries/张三/1.txt', fileContent: bytes })) as { fileID: string }
      expect(up.fileID).toMatch(/^cloud:\/\/jdq-local\..+\/diaries\/张三\/1\.txt$/)
      const urls = (await cloud.getTempFileURL({ fileList: [up.fileID] })) as { fileList: { tempFileURL: string; status: number }[] }
      const fetched = await fetch(encodeURI(urls.fileList[0].tempFileURL))
      expect(Buffer.from(await fetched.arrayBuffer()).toString()).toBe('民情日记 · 2026')
      const down = (await cloud.downloadFile({ fileID: up.fileID })) as { fileContent: Buffer }
      expect(down.fileContent.toString()).toBe('民情日记 · 2026')
      const del = (await cloud.deleteFile({ fileList: [up.fileID] })) as { fileList: { status: number }[] }
      expect(del.fileList[0].status).toBe(0)
      const gone = (await cloud.getTempFileURL({ fileList: [up.fileID] })) as { fileList: { status: number }[] }
      expect(gone.fileList[0].status).not.toBe(0)
    })

    it('refuses a path that leaves the storage folder', async () => {
      await expect(cloud.uploadFile({ cloudPath: '../../etc/passwd', fileContent: Buffer.from('x') })).rejects.toBeTruthy()
    })
  })

  describe('openapi', () => {
    const data = { thing1: { value: '东关大街社区走访' }, time2: { value: '2026年11月28日 15:01' } }

    it('records subscribe messages in the outbox, HTTP and CLI', async () => {
      const { body } = await gateway<{ ok: boolean; errCode: number }>(emu.url, 'o-a', 'notify', { action: 'send', touser: 'o-resident-1', data })
      expect(body.result).toEqual({ ok: true, errCode: 0 })
      const outbox = (await (await fetch(`${emu.url}/__/outbox?touser=o-resident-1`)).json()) as {
        messages: { template_id: string; data: unknown; errcode: number; page: string }[]
      }
      expect(outbox.messages[0]).toMatchObject({ template_id: 'tmpl-visit', data, errcode: 0, page: 'pages/index/index' })
      const cli = spawnSync(process.execPath, ['--import', 'tsx', 'emulator/cli.ts', 'outbox', '--url', emu.url], { cwd: root, encoding: 'utf8' })
      expect(cli.stdout).toContain('to o-resident-1')
    })

    it("enforces WeChat's field rules with errcode 47003", async () => {
      const tooLong = { thing1: { value: '这是一段超过二十个字的走访说明文字，微信不会接受它的' } }
      const { body } = await gateway<{ ok: boolean; errCode: number }>(emu.url, 'o-a', 'notify', { action: 'send', touser: 'o-resident-2', data: tooLong })
      expect(body.result).toMatchObject({ ok: false, errCode: 47003 })
    })

    it('fails planned sends with the chosen errcode (no quota: 43101)', async () => {
      await fetch(`${emu.url}/__/openapi/errcode`, { method: 'POST', body: JSON.stringify({ touser: 'o-resident-3', errcode: 43101 }) })
      const first = await gateway<{ ok: boolean; errCode: number }>(emu.url, 'o-a', 'notify', { action: 'send', touser: 'o-resident-3', data })
      const second = await gateway<{ ok: boolean; errCode: number }>(emu.url, 'o-a', 'notify', { action: 'send', touser: 'o-resident-3', data })
      expect(first.body.result).toMatchObject({ ok: false, errCode: 43101 })
      expect(second.body.result).toEqual({ ok: true, errCode: 0 })
    })

    it('answers wxacode.getUnlimited with a PNG QR code that decodes to its page and scene, on this emulator’s H5 app', async () => {
      const scene = 'v=AbC123&k=1'
      const { body } = await gateway<{ ok: boolean; contentType: string; png: string }>(emu.url, 'o-a', 'notify', {
        action: 'qr',
        scene,
        page: 'pages/rate/index'
      })
      expect(body.result?.contentType).toBe('image/png')
      const text = decodeQr(Buffer.from(body.result!.png, 'base64'))
      // A browser (or a phone's camera) opens the same page of the H5 app this emulator serves.
      expect(text!.startsWith(`${emu.url}/#/pages/rate/index?`)).toBe(true)
      expect(new URLSearchParams(new URL(text!).hash.split('?')[1]).get('scene')).toBe(scene)
    })

    it('refuses a scene longer than 32 characters or with characters WeChat does not allow', async () => {
      for (const scene of ['x'.repeat(33), '中文场景']) {
        const { body } = await gateway<{ ok: boolean; errCode: number }>(emu.url, 'o-a', 'notify', { action: 'qr', scene, page: 'pages/rate/index' })
        expect(body.result).toMatchObject({ ok: false, errCode: 40169 })
      }
    })

    it('refuses an API the function did not declare in config.json', async () => {
      const { body } = await gateway<{ ok: boolean; errCode: number }>(emu.url, 'o-a', 'notify', { action: 'undeclared' })
      expect(body.result).toMatchObject({ ok: false, errCode: -604101 })
    })
  })

  describe('dev login', () => {
    it('lists seeded users by role or says to seed, and sets the session cookie', async () => {
      const html = await (await fetch(`${emu.url}/__/login`)).text()
      expect(html).toContain('npm run seed')
      const res = await fetch(`${emu.url}/__/login`, {
        method: 'POST',
        body: 'openid=o-dev&next=%2F%23%2Fpages%2Findex%2Findex',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        redirect: 'manual'
      })
      expect(res.status).toBe(303)
      expect(res.headers.get('location')).toBe('/#/pages/index/index')
      expect(res.headers.get('set-cookie')).toMatch(/^jdq_dev_openid=o-dev;/)
      const offsite = await fetch(`${emu.url}/__/login`, {
        method: 'POST',
        body: 'openid=o-dev&next=%2F%2Fevil.example',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        redirect: 'manual'
      })
      expect(offsite.headers.get('location')).toBe('/')
    })
  })
})
