import { render, screen } from '@testing-library/react'
import { ManagerView, comingSoon } from '../../src/manager/pages/index/ManagerView'
import { cadre, manager } from './fixtures'

const idle = { loading: false, error: null }

describe('managers’ area (管理)', () => {
  it('shows the manager’s organisation and what is coming, without invented figures', () => {
    render(<ManagerView me={{ ...idle, data: manager }} onRetry={() => {}} />)
    const org = screen.getByTestId('manager-org').textContent ?? ''
    expect(org).toContain('西宁市妇联')
    expect(org).toContain('妇联 · 市州')
    expect(org).toContain('青海省妇联 / 西宁市妇联')
    const coming = screen.getByTestId('coming-soon').textContent ?? ''
    for (const item of comingSoon) expect(coming).toContain(item.title)
    expect(coming).not.toMatch(/\d+\s*(分|%|条|人)/)
  })

  it('tells a cadre this area is for managers', () => {
    render(<ManagerView me={{ ...idle, data: cadre }} onRetry={() => {}} />)
    expect(screen.getByTestId('not-manager')).toBeTruthy()
    expect(screen.queryByTestId('coming-soon')).toBeNull()
  })

  it('loading state', () => {
    render(<ManagerView me={{ loading: true, error: null, data: undefined }} onRetry={() => {}} />)
    expect(screen.getByTestId('loading')).toBeTruthy()
  })
})
