import { fireEvent, render, screen } from '@testing-library/react'
import { ManagerView, entryGroups, entryUrl, type EntryKey } from '@/src/manager/pages/index/ManagerView'
import { cadre, manager } from './fixtures'

const idle = { loading: false, error: null }
const all = entryGroups.flatMap((g) => g.entries)

/** Every page the app registers, as '/<root>/<page>'. */
function registeredPages(): Set<string> {
  // app.config.ts calls Taro's build-time global; give it the identity so the file can be read here.
  ;(globalThis as { defineAppConfig?: (c: unknown) => unknown }).defineAppConfig = (c) => c
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cfg = (require('@/src/app.config') as { default: { pages: string[]; subPackages: { root: string; pages: string[] }[] } }).default
  return new Set([...cfg.pages.map((p) => `/${p}`), ...cfg.subPackages.flatMap((s) => s.pages.map((p) => `/${s.root}/${p}`))])
}

describe('managers’ area (管理)', () => {
  it('shows the manager’s organisation', () => {
    render(<ManagerView me={{ ...idle, data: manager }} onRetry={() => {}} onOpen={() => {}} />)
    const org = screen.getByTestId('manager-org').textContent ?? ''
    expect(org).toContain('西宁市妇联')
    expect(org).toContain('妇联 · 市州')
    expect(org).toContain('青海省妇联 / 西宁市妇联')
  })

  it('opens every entry of a manager by its key, and hides the campaign office’s work from them', () => {
    const opened: EntryKey[] = []
    render(<ManagerView me={{ ...idle, data: manager }} onRetry={() => {}} onOpen={(k) => opened.push(k)} />)
    const forManagers = all.filter((e) => !e.adminOnly)
    for (const e of forManagers) {
      const tile = screen.getByTestId(`open-${e.key}`)
      expect(tile.textContent).toContain(e.title)
      fireEvent.click(tile)
    }
    expect(opened).toEqual(forManagers.map((e) => e.key))
    for (const e of all.filter((x) => x.adminOnly)) expect(screen.queryByTestId(`open-${e.key}`)).toBeNull()
    expect(screen.queryByTestId('group-省活动办')).toBeNull()
  })

  it('gives the province admin the 投诉建议 and 数据核对 entries too', () => {
    const opened: EntryKey[] = []
    render(<ManagerView me={{ ...idle, data: { ...manager, role: 'admin' } }} onRetry={() => {}} onOpen={(k) => opened.push(k)} />)
    fireEvent.click(screen.getByTestId('open-feedback-admin'))
    fireEvent.click(screen.getByTestId('open-reconcile'))
    expect(opened).toEqual(['feedback-admin', 'reconcile'])
  })

  it('points every entry at a page the app registers', () => {
    const pages = registeredPages()
    for (const e of all) expect([e.key, pages.has(entryUrl(e.key).split('?')[0])]).toEqual([e.key, true])
  })

  it('tells a cadre this area is for managers', () => {
    render(<ManagerView me={{ ...idle, data: cadre }} onRetry={() => {}} onOpen={() => {}} />)
    expect(screen.getByTestId('not-manager')).toBeTruthy()
    expect(screen.queryByTestId('open-cases')).toBeNull()
  })

  it('loading state', () => {
    render(<ManagerView me={{ loading: true, error: null, data: undefined }} onRetry={() => {}} onOpen={() => {}} />)
    expect(screen.getByTestId('loading')).toBeTruthy()
  })
})
