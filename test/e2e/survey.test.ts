/**
 * A questionnaire from start to results, in Chromium against the H5 build: a cadre starts one from the 问需 starter
 * template and publishes it, shows its QR code (read back with jsQR, as a phone's camera would), three residents
 * open the scanned link without signing up and answer — one in Tibetan, one after being told what is missing —,
 * a second try is refused, and the cadre's page shows the counts, percentages and the text answers.
 */
import { e2eApp } from '../helpers/e2e'
import { scanQr } from '../helpers/qr-scan'
import { scaled } from '../helpers/time-scale'
import { demoAccounts } from '@/scripts/seed/demo-data'

const wait = { state: 'visible' as const, timeout: scaled(30000) }
const phone = { viewport: { width: 375, height: 812 } }

describe('a questionnaire handed out by QR, answered by residents and read by the cadre, in Chromium', () => {
  const app = e2eApp(['user', 'surveys'])

  it('is published, scanned, answered once each (Chinese and Tibetan) and its results read', async () => {
    const cadre = await app.open({ as: demoAccounts.cadre, at: '#/work/pages/surveys/index', context: phone })
    await cadre.locator('[data-testid="new-survey"]').click()
    await cadre.locator('[data-testid="template-starter-needs"]').click()
    await cadre.locator('[data-testid="survey-edit"]').waitFor(wait)
    expect(await cadre.locator('[data-testid="edit-title"] input').inputValue()).toBe('群众需求调查')
    await cadre.locator('[data-testid="publish"]').click()
    await cadre.locator('[data-testid="survey"]').waitFor(wait)
    expect(await cadre.locator('[data-testid="survey-status"]').textContent()).toContain('收集中')
    expect(await cadre.locator('[data-testid="results-hidden"]').textContent()).toContain('3 份以上')
    await cadre.locator('[data-testid="show-qr"]').click()
    const link = await scanQr(cadre, 'survey-qr')
    await app.shot(cadre, 'survey-qr')
    expect(link.startsWith(`${app.url}/#/survey/pages/answer/index?scene=`)).toBe(true)
    const at = link.slice(app.url.length + 1)

    // 1: in Chinese, first told what is missing.
    const r1 = await app.open({ as: `o-survey-r1-${Date.now()}`, at, context: phone })
    await r1.locator('[data-testid="survey-answer"]').waitFor(wait)
    expect(await r1.locator('[data-testid="anonymous-note"]').textContent()).toContain('不记名')
    await r1.locator('[data-testid="q1-o1"]').click()
    await r1.locator('[data-testid="q1-o3"]').click()
    await r1.locator('[data-testid="submit-answer"]').click()
    expect(await r1.locator('[data-testid="answer-error"]').textContent()).toContain('第 2 题还没有回答')
    await r1.locator('[data-testid="q2-o3"]').click()
    await r1.locator('[data-testid="q3-text"] textarea').fill('孩子上学路远，希望有校车')
    await app.shot(r1, 'survey-answer')
    await r1.locator('[data-testid="submit-answer"]').click()
    await r1.locator('[data-testid="thanks"]').waitFor(wait)
    // The same resident again (a second scan): refused, nothing counted twice.
    await r1.reload()
    expect(await r1.locator('[data-testid="blocked"]').textContent({ timeout: scaled(30000) })).toContain('已经填过')
    await r1.context().close()

    // 2: in Tibetan: the page's own words switch; the author's questions stay in Chinese (none written in Tibetan).
    const r2 = await app.open({ as: `o-survey-r2-${Date.now()}`, at, context: phone })
    await r2.locator('[data-testid="survey-answer"]').waitFor(wait)
    await r2.locator('[data-testid="lang-bo"]').click()
    expect(await r2.locator('[data-testid="submit-answer"]').textContent()).toContain('འདྲི་ཤོག་འབུལ')
    expect(await r2.locator('[data-testid="survey-answer"]').getAttribute('data-lang')).toBe('bo')
    await r2.locator('[data-testid="q1-o3"]').click()
    await r2.locator('[data-testid="q2-o3"]').click()
    await app.shot(r2, 'survey-answer-bo')
    await r2.locator('[data-testid="submit-answer"]').click()
    await r2.locator('[data-testid="thanks"]').waitFor(wait)
    await r2.context().close()

    // 3: multi-choice taps toggle; what is sent is what shows as chosen.
    const r3 = await app.open({ as: `o-survey-r3-${Date.now()}`, at, context: phone })
    await r3.locator('[data-testid="survey-answer"]').waitFor(wait)
    await r3.locator('[data-testid="q1-o6"]').click()
    await r3.locator('[data-testid="q1-o2"]').click()
    await r3.locator('[data-testid="q1-o2"]').click()
    expect(await r3.locator('[data-testid="q1-o2"]').getAttribute('data-selected')).toBe('false')
    await r3.locator('[data-testid="q2-o6"]').click()
    await r3.locator('[data-testid="submit-answer"]').click()
    await r3.locator('[data-testid="thanks"]').waitFor(wait)
    await r3.context().close()

    // The cadre's page: three answers, the shares per option, the text answer listed.
    await cadre.reload()
    await cadre.locator('[data-testid="result-q1"]').waitFor(wait)
    expect(await cadre.locator('[data-testid="survey-count"]').textContent()).toContain('已收 3 份')
    // Each bar reads: the option, then count（share of those who answered the question）.
    expect(await cadre.locator('[data-testid="bar-q1-o1"]').textContent()).toBe('生产1（33.3%）')
    expect(await cadre.locator('[data-testid="bar-q1-o3"]').textContent()).toBe('就业2（66.7%）')
    expect(await cadre.locator('[data-testid="bar-q1-o2"]').textContent()).toBe('生活0（0%）')
    expect(await cadre.locator('[data-testid="bar-q2-o3"]').textContent()).toBe('就业2（66.7%）')
    expect(await cadre.locator('[data-testid="bar-q2-o6"]').textContent()).toBe('医疗1（33.3%）')
    await cadre.locator('[data-testid="show-texts-q3"]').click()
    // The text answers are fetched on the tap: wait for them before reading.
    await cadre.locator('[data-testid="text-answer"]').first().waitFor(wait)
    expect(await cadre.locator('[data-testid="text-answer"]').allTextContents()).toEqual(['孩子上学路远，希望有校车'])
    await app.shot(cadre, 'survey-results')
    await cadre.context().close()
  })
})
