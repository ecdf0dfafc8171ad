/**
 * 导出报表 in Chromium against the H5 build: a demo county manager opens 导出报表 from the managers' page, makes
 * this year's ledger of their county, watches it finish, and downloads it; the downloaded file opens as a
 * spreadsheet holding exactly the county's demands, phones masked.
 */
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import ExcelJS from 'exceljs'
import { e2eApp } from '../helpers/e2e'
import { callAs } from '../helpers/gateway'
import { demoAccounts } from '@/scripts/seed/demo-data'
import { scaled } from '../helpers/time-scale'

describe('导出报表 in the H5 app, in Chromium', () => {
  const app = e2eApp(['exports', 'demands', 'user'])

  it('a county manager exports the ledger and the downloaded file is a spreadsheet with the right rows', async () => {
    // The county's ledger: demands of two cadres of 城东区, and one of the sibling county that must not appear.
    const raise = async (openid: string, text: string) => {
      const r = await callAs<{ id: string }>(app.url, openid, 'demands', {
        action: 'create',
        submissionId: randomUUID(),
        area: 'living',
        urgency: 'general',
        text,
        contactName: '王大姐',
        contactPhone: '13912345678'
      })
      if (!r.ok) throw new Error(r.message)
      return r.data.id
    }
    const mine = [
      await raise(demoAccounts.cadre, '东关大街路灯不亮'),
      await raise(demoAccounts.cadre, '小区下水道堵塞'),
      await raise('demo-women-xining-chengdong-cadre-2', '老人想办理助餐卡')
    ]
    await raise('demo-women-xining-chengzhong-cadre-1', '城中区的诉求')

    const page = await app.open({ as: demoAccounts.countyManager, at: '#/manager/pages/index/index' })
    await page.locator('[data-testid="open-exports"]').click()
    await page.locator('[data-testid="exports"]').waitFor({ state: 'visible', timeout: scaled(30000) })
    await page.locator('[data-testid="export-kind-demands"]').click()
    await page.locator('[data-testid="start-export"]').click()
    const open = page.locator('[data-testid="open-export"]')
    await open.waitFor({ state: 'visible', timeout: scaled(60000) })
    expect(await page.locator('[data-testid="export-rows"]').textContent()).toContain(`共 ${mine.length} 条`)
    await app.shot(page, 'export')

    const download = page.waitForEvent('download')
    await open.click()
    const file = await download
    expect(file.suggestedFilename()).toMatch(/^诉求台账_城东区妇联_\d{4}年\.xlsx$/)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(readFileSync((await file.path())!) as unknown as ArrayBuffer)
    const ws = wb.worksheets[0]
    expect(ws.name).toBe('诉求台账')
    const header = (ws.getRow(1).values as unknown[]).slice(1)
    const col = (name: string) => header.indexOf(name) + 1
    const rows = Array.from({ length: ws.rowCount - 1 }, (_, i) => ws.getRow(i + 2))
    expect(rows.map((r) => String(r.getCell(col('编号')).value)).sort()).toEqual([...mine].sort())
    expect(rows.map((r) => String(r.getCell(col('诉求内容')).value)).sort()).toEqual(['东关大街路灯不亮', '小区下水道堵塞', '老人想办理助餐卡'].sort())
    for (const r of rows) expect(r.getCell(col('联系电话')).value).toBe('139****5678')
    // The recent list has it too.
    await page
      .locator('[data-testid="recent-export"]')
      .first()
      .waitFor({ state: 'visible', timeout: scaled(30000) })
    await page.context().close()
  })
})
