/**
 * 语音留言 in Chromium against the H5 build: a resident scans a liaison point's plate, reports a problem by voice
 * only (Chromium's fake microphone, recorded by MediaRecorder, stored through demands.uploadVoice), and the cadre
 * who owes it opens the demand and plays it (a short-lived link from demands.voiceUrl, the very bytes).
 */
import { e2eApp } from '../helpers/e2e'
import { callAs } from '../helpers/gateway'
import { scaled } from '../helpers/time-scale'
import { buildDemoData, demoAccounts } from '@/scripts/seed/demo-data'
import type { QrCode } from '@/types/service'
import type { Demand } from '@/types/demands'
import { VOICE_ONLY_TEXT } from '@/types/rules/voice-note'

const wait = { state: 'visible' as const, timeout: scaled(30000) }

describe('a resident’s voice message, in Chromium', () => {
  const app = e2eApp(['user', 'ratings', 'demands'])
  const demo = buildDemoData()
  const cadre = demo.users.find((u) => u.openid === demoAccounts.cadre)!
  const point = demo.liaisonPoints.filter((p) => p.cadreId === cadre._id)[0]

  it('records on the plate’s page, sends it without words, and the cadre plays it', async () => {
    const qr = await callAs<QrCode>(app.url, demoAccounts.cadre, 'ratings', { action: 'qr', kind: 'point', targetId: point._id })
    if (!qr.ok) throw new Error(qr.message)
    const resident = await app.open({ as: `o-e2e-voice-${Date.now()}`, at: qr.data.h5Path.replace(/^\//, ''), context: { permissions: ['microphone'] } })
    await resident.locator('[data-testid="start-report"]').click({ timeout: scaled(30000) })
    await resident.locator('[data-testid="area-living"]').click()
    await resident.locator('[data-testid="voice-start"]').click()
    await resident.locator('[data-testid="voice-stop"]').waitFor(wait)
    // The seconds run while recording (rounded up: 0:03 is past 2 s).
    await resident.locator('[data-testid="voice-stop"]', { hasText: '0:03' }).waitFor(wait)
    await resident.locator('[data-testid="voice-stop"]').click()
    await resident.locator('[data-testid="voice-recorded"]').waitFor(wait)
    expect(await resident.locator('[data-testid="voice-recorded"]').textContent()).toMatch(/已录好语音 0:0[3-5]/)
    await app.shot(resident, 'voice-recorded')
    await resident.locator('[data-testid="submit-report"]').click()
    await resident.locator('[data-testid="thanks"]').waitFor(wait)

    const list = await callAs<{ items: Demand[] }>(app.url, demoAccounts.cadre, 'demands', { action: 'list', filter: 'all', limit: 20 })
    if (!list.ok) throw new Error(list.message)
    const d = list.data.items.find((i) => i.text === VOICE_ONLY_TEXT && i.voice)
    expect(d?.voice?.durationMs).toBeGreaterThanOrEqual(2000)

    const page = await app.open({ as: demoAccounts.cadre, at: `#/cadre/pages/demand/index?id=${encodeURIComponent(d!.id)}` })
    await page.locator('[data-testid="voice-player"]').waitFor(wait)
    expect(await page.locator('[data-testid="demand-text"]').textContent()).toBe(VOICE_ONLY_TEXT)
    const audio = page.waitForResponse((r) => r.url().includes('/voice/'), { timeout: scaled(30000) })
    await page.locator('[data-testid="voice-play"]').click()
    const res = await audio
    expect([[200, 206].includes(res.status()), res.headers()['content-type']]).toEqual([true, 'audio/webm'])
    expect((await res.body()).length).toBeGreaterThan(1000)
    expect(await page.locator('[data-testid="voice-error"]').count()).toBe(0)
    await app.shot(page, 'voice-play')
    await resident.context().close()
    await page.context().close()
  })
})
