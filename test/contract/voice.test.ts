/**
 * A resident's voice message on a reported problem (语音留言), through the real wx-server-sdk and the emulator:
 * the WeChat path (prepareVoice, then the phone's own upload to that path) and the browser path (uploadVoice);
 * `demands.create` attaches it only from the resident's own folder and checks its bytes (format, size, an mp3's
 * measured length, a claimed length that fits the size); words become optional with a voice; a resend lands
 * once; who may play it (`voiceUrl`); the day's upload limit; nothing written on a refusal.
 */
import path from 'node:path'
import { existsSync } from 'node:fs'
import { randomUUID } from 'node:crypto'
import { loadSdk, startEmulator, type TestEmulator } from '../helpers/emulator'
import { callAs } from '../helpers/gateway'
import { callAnonymous } from '../helpers/harness'
import { silentMp3, webmOf } from '../helpers/voice'
import { seed } from '@/scripts/seed'
import { buildDemoData, demoAccounts } from '@/scripts/seed/demo-data'
import type { Reply } from '@/types/reply'
import type { QrCode } from '@/types/service'
import type { Demand } from '@/types/demands'
import { VOICE_ONLY_TEXT, VOICE_UPLOADS_PER_DAY } from '@/types/rules/voice-note'
import { scaled } from '../helpers/time-scale'

jest.setTimeout(scaled(120000))

const functionsDir = path.resolve(__dirname, '../../build/cloudfunctions')
const demo = buildDemoData()
const cadre = demoAccounts.cadre
const owner = demo.users.find((u) => u.openid === cadre)!
const point = demo.liaisonPoints.find((p) => p.cadreId === owner._id)!
const resident = (tag: string) => `o-voice-${tag}-${randomUUID().slice(0, 8)}`

describe('demands: a resident’s voice message', () => {
  let emu: TestEmulator
  let sdk: ReturnType<typeof loadSdk>
  let scene: string
  const call = <T>(openid: string | null, data: Record<string, unknown>) => callAs<T>(emu.url, openid, 'demands', data)
  const ok = <T>(r: Reply<T>): T => {
    if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`)
    return r.data
  }
  const refused = (r: Reply<unknown>) => (r.ok ? 'ok' : r.code)
  const demands = async () => ((await sdk.database().collection('demands').count()) as { total: number }).total

  /** What WeChat does: ask for the path, then the phone puts the bytes there itself. */
  const viaWeChat = async (openid: string, bytes: Buffer, format = 'mp3') => {
    const { cloudPath } = ok(await call<{ cloudPath: string }>(openid, { action: 'prepareVoice', scene, format }))
    const up = (await sdk.uploadFile({ cloudPath, fileContent: bytes })) as { fileID: string }
    return up.fileID
  }
  const viaBrowser = (openid: string, bytes: Buffer, format = 'webm') =>
    call<{ fileID: string; bytes: number }>(openid, { action: 'uploadVoice', scene, format, contentBase64: bytes.toString('base64') })
  const report = (openid: string, extra: Record<string, unknown>) =>
    call<Demand>(openid, { action: 'create', submissionId: randomUUID(), scene, area: 'living', ...extra })

  beforeAll(async () => {
    if (!existsSync(path.join(functionsDir, 'demands', 'index.js')))
      throw new Error('build/cloudfunctions is missing: run `npx tsx scripts/build-functions.ts`')
    emu = await startEmulator({ args: ['--functions', functionsDir, '--no-timers'] })
    await seed(emu.url)
    sdk = loadSdk(emu.url)
    scene = ok(await callAs<QrCode>(emu.url, cadre, 'ratings', { action: 'qr', kind: 'point', targetId: point._id })).scene
  })
  afterAll(() => emu?.stop())

  it('WeChat: a recorded mp3 is attached with its measured length, and words are optional with it', async () => {
    const r = resident('wx')
    const fileID = await viaWeChat(r, silentMp3(12, { id3: true }))
    // The phone claims 3 s; the server measures the mp3's frames.
    const d = ok(await report(r, { voice: { fileID, durationMs: 3000 } }))
    expect(d.voice).toEqual({ durationMs: expect.any(Number) })
    expect(Math.abs(d.voice!.durationMs - 12000)).toBeLessThan(100)
    expect(d.text).toBe(VOICE_ONLY_TEXT)

    const seen = ok(await call<Demand>(cadre, { action: 'get', demandId: d.id }))
    expect(seen.voice?.durationMs).toBe(d.voice!.durationMs)
    // Never the file's id or path to a client: a link comes from voiceUrl.
    expect(JSON.stringify(seen)).not.toContain('cloud://')
  })

  it('the browser: uploadVoice keeps the recording; with words too; a resend lands once, another voice under the same id is refused', async () => {
    const r = resident('h5')
    const up = ok(await viaBrowser(r, webmOf(40_000)))
    expect(up.bytes).toBe(40_000)
    const submissionId = randomUUID()
    const send = (fileID: string) =>
      call<Demand>(r, { action: 'create', submissionId, scene, area: 'medical', text: '村卫生室缺药', voice: { fileID, durationMs: 9000 } })
    const first = ok(await send(up.fileID))
    expect(first).toMatchObject({ text: '村卫生室缺药', voice: { durationMs: 9000 } })
    const before = await demands()
    expect(ok(await send(up.fileID)).id).toBe(first.id)
    const other = ok(await viaBrowser(r, webmOf(30_000)))
    expect(refused(await send(other.fileID))).toBe('CONFLICT')
    expect(await demands()).toBe(before)
  })

  it('refuses what is not the resident’s own, real, short enough audio — and writes nothing', async () => {
    const r = resident('limits')
    const someoneElse = await viaWeChat(resident('other'), silentMp3(5))
    const tooLong = await viaWeChat(r, silentMp3(75))
    const notAudio = await viaWeChat(r, Buffer.from('\x89PNG\r\n\x1a\n0000000000000000000000'))
    const before = await demands()
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ voice: { fileID: someoneElse, durationMs: 5000 } }, 'FORBIDDEN', /自己/],
      // A long mp3 claimed short: the frames say 75 s.
      [{ voice: { fileID: tooLong, durationMs: 20000 } }, 'BAD_REQUEST', /60 秒/],
      [{ voice: { fileID: notAudio, durationMs: 5000 } }, 'BAD_REQUEST', /语音/],
      [{ voice: { fileID: `cloud://env.bucket/voice/x/${randomUUID()}.mp3`, durationMs: 5000 } }, 'FORBIDDEN', /自己/],
      // In the resident's folder but never uploaded.
      [{ voice: { fileID: tooLong.replace(/[^/]+\.mp3$/, `${randomUUID()}.mp3`), durationMs: 5000 } }, 'BAD_REQUEST', /没有上传成功/],
      [{}, 'BAD_REQUEST', /语音/],
      [{ text: '   ' }, 'BAD_REQUEST', /语音/]
    ]
    for (const [extra, code, words] of cases) {
      const res = await report(r, extra)
      expect([refused(res), res.ok ? '' : res.message]).toEqual([code, expect.stringMatching(words)])
    }
    // A browser recording whose claimed length cannot hold its bytes; one longer than the limit.
    const big = ok(await viaBrowser(r, webmOf(200_000)))
    expect(refused(await report(r, { voice: { fileID: big.fileID, durationMs: 5000 } }))).toBe('BAD_REQUEST')
    expect(refused(await report(r, { voice: { fileID: big.fileID, durationMs: 64000 } }))).toBe('BAD_REQUEST')
    expect(refused(await viaBrowser(r, webmOf(600_000)))).toBe('BAD_REQUEST')
    expect(refused(await viaBrowser(r, Buffer.from('not audio at all, just words in a file')))).toBe('BAD_REQUEST')
    // Staff record problems in their ledger, in words.
    expect(refused(await call(cadre, { action: 'prepareVoice', scene, format: 'mp3' }))).toBe('FORBIDDEN')
    expect(
      refused(
        await call(cadre, {
          action: 'create',
          submissionId: randomUUID(),
          area: 'living',
          text: '楼道灯坏了',
          voice: { fileID: someoneElse, durationMs: 5000 }
        })
      )
    ).toBe('BAD_REQUEST')
    expect((await callAnonymous(sdk, 'demands', { action: 'prepareVoice', scene, format: 'mp3' })).reply).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })
    expect(refused(await call(r, { action: 'prepareVoice', scene: 'pNoSuchScene1', format: 'mp3' }))).toBe('NOT_FOUND')
    expect(await demands()).toBe(before)
  })

  it('plays for the cadre and their managers only: a short-lived link to the very bytes', async () => {
    const r = resident('play')
    const bytes = silentMp3(4)
    const d = ok(await report(r, { text: '路灯不亮', voice: { fileID: await viaWeChat(r, bytes), durationMs: 4000 } }))
    for (const who of [cadre, demoAccounts.countyManager, demoAccounts.prefectureManager, demoAccounts.admin]) {
      const link = ok(await call<{ url: string; durationMs: number; format: string; expiresAt: string }>(who, { action: 'voiceUrl', demandId: d.id }))
      expect(link).toMatchObject({ format: 'mp3', durationMs: d.voice!.durationMs })
      const res = await fetch(link.url)
      expect(res.headers.get('content-type')).toBe('audio/mpeg')
      expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true)
    }
    for (const who of ['demo-women-xining-chengdong-cadre-2', 'demo-women-xining-chengzhong-manager', 'demo-union-xining-chengdong-manager', r]) {
      expect([who, refused(await call(who, { action: 'voiceUrl', demandId: d.id }))]).toEqual([who, 'FORBIDDEN'])
    }
    expect((await callAnonymous(sdk, 'demands', { action: 'voiceUrl', demandId: d.id })).reply).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })
    const plain = ok(await report(r, { text: '没有语音的问题' }))
    expect(plain.voice).toBeNull()
    expect(refused(await call(cadre, { action: 'voiceUrl', demandId: plain.id }))).toBe('NOT_FOUND')
  })

  it(`allows ${VOICE_UPLOADS_PER_DAY} voice uploads a day per resident, by either path`, async () => {
    const r = resident('many')
    for (let i = 0; i < VOICE_UPLOADS_PER_DAY; i++) {
      if (i % 2) ok(await viaBrowser(r, webmOf(2000)))
      else ok(await call(r, { action: 'prepareVoice', scene, format: 'mp3' }))
    }
    expect(refused(await call(r, { action: 'prepareVoice', scene, format: 'mp3' }))).toBe('RATE_LIMITED')
    expect(refused(await viaBrowser(r, webmOf(2000)))).toBe('RATE_LIMITED')
    // Another resident is not held back.
    ok(await call(resident('fresh'), { action: 'prepareVoice', scene, format: 'mp3' }))
  })
})
