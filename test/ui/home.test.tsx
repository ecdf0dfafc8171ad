import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { Me } from '@/types/models'
import { HomeView } from '@/src/pages/index/HomeView'
import { useCloud } from '@/src/hooks/useCloud'
import { CloudError } from '@/src/services/reply'
import { cadre, cadreWithNothing, cadreWithoutContacts, manager, resident } from './fixtures'

/** The home page as the real page wires it (useCloud + HomeView), with the loader injected instead of the network. */
function Home({ load, onOpenManager = () => {} }: { load: () => Promise<Me>; onOpenManager?: () => void }) {
  const me = useCloud(load)
  return <HomeView me={me} onRetry={() => void me.reload()} onOpenManager={onOpenManager} />
}

function text(): string {
  return document.body.textContent ?? ''
}

describe('home page (我的工作台)', () => {
  it('shows a loading state while user.me is on its way', async () => {
    render(<Home load={() => new Promise<Me>(() => {})} />)
    expect(await screen.findByText('正在加载，请稍候…')).toBeTruthy()
    expect(screen.queryByTestId('home')).toBeNull()
  })

  it('shows the error in plain words and loads again on 重试', async () => {
    const load = jest
      .fn<Promise<Me>, []>()
      .mockRejectedValueOnce(new CloudError('UNAVAILABLE', '网络不太好，没能连上服务器，请检查网络后再试'))
      .mockResolvedValueOnce(cadre)
    render(<Home load={load} />)
    expect(await screen.findByText('网络不太好，没能连上服务器，请检查网络后再试')).toBeTruthy()
    expect(screen.getByText('没能加载出来')).toBeTruthy()
    const retry = screen.getByTestId('retry')
    expect(text()).toContain('重试')
    await act(async () => {
      fireEvent.click(retry)
    })
    expect(await screen.findByText('马晓燕')).toBeTruthy()
    expect(load).toHaveBeenCalledTimes(2)
    expect(screen.queryByTestId('error')).toBeNull()
  })

  it('an unexpected failure never shows a stack trace, only words', async () => {
    render(<Home load={() => Promise.reject(new TypeError('x is undefined'))} />)
    expect(await screen.findByText('系统出了点问题，请稍后再试')).toBeTruthy()
    expect(text()).not.toContain('TypeError')
  })

  it('a cadre sees who they are, their organisation, complete 两联 and their liaison points', async () => {
    render(<Home load={() => Promise.resolve(cadre)} />)
    await screen.findByTestId('home')
    expect(screen.getByText('马晓燕')).toBeTruthy()
    expect(screen.getByText('干部')).toBeTruthy()
    expect(screen.getByText('城东区妇联副主席')).toBeTruthy()
    expect(screen.getByText('青海省妇联 / 西宁市妇联 / 城东区妇联')).toBeTruthy()
    expect(screen.getByText('✓ 两联已落实')).toBeTruthy()
    expect(text()).toContain('联系点 2 个，联系人 3 位')
    const points = screen.getAllByTestId('point')
    expect(points).toHaveLength(2)
    expect(points[0].textContent).toContain('东关大街社区')
    expect(points[0].textContent).toContain('农村/社区')
    expect(points[0].textContent).toContain('西宁市城东区东关大街 12 号')
    expect(points[0].textContent).toContain('300 米')
    expect(points[1].textContent).toContain('学校')
    // Not a manager: no way into the managers' area.
    expect(screen.queryByTestId('open-manager')).toBeNull()
  })

  it('says what is missing when 两联 is incomplete', async () => {
    const { unmount } = render(<Home load={() => Promise.resolve(cadreWithoutContacts)} />)
    await screen.findByTestId('home')
    expect(screen.getByText('两联还没落实')).toBeTruthy()
    expect(text()).toContain('还缺：联系人')
    expect(text()).not.toContain('还缺：联系点')
    expect(screen.getAllByTestId('point')).toHaveLength(2)
    unmount()

    render(<Home load={() => Promise.resolve(cadreWithNothing)} />)
    await screen.findByTestId('home')
    expect(text()).toContain('还缺：联系点、联系人')
    expect(screen.getByText('还没有联系点')).toBeTruthy()
    expect(text()).toContain('请联系管理员')
  })

  it('a resident is told to scan a cadre’s QR code, and sees no cadre workspace', async () => {
    render(<Home load={() => Promise.resolve(resident)} />)
    await screen.findByTestId('home')
    // A greeting, not "群众 / 群众".
    expect(screen.getByTestId('profile').textContent).toBe('您好扫一扫干部出示的二维码，就能评价服务、反映问题')
    expect(screen.getByTestId('resident-guide').textContent).toContain('扫一扫干部出示的二维码')
    expect(text()).toContain('扫码')
    expect(text()).toContain('打分')
    expect(text()).toContain('反映')
    expect(screen.queryByTestId('lianglian')).toBeNull()
    expect(screen.queryByTestId('points')).toBeNull()
    expect(screen.queryByTestId('open-manager')).toBeNull()
  })

  it('a manager gets a large entry to the managers’ area', async () => {
    const open = jest.fn()
    render(<Home load={() => Promise.resolve(manager)} onOpenManager={open} />)
    await screen.findByTestId('home')
    expect(screen.getByText('管理员')).toBeTruthy()
    // 两联 is the cadres' duty: no "两联还没落实" warning for a manager.
    expect(screen.queryByTestId('lianglian')).toBeNull()
    expect(text()).not.toContain('两联还没落实')
    await act(async () => {
      fireEvent.click(screen.getByTestId('open-manager'))
    })
    expect(open).toHaveBeenCalledTimes(1)
  })

  it('keeps the last data and says so when a refresh fails', async () => {
    const load = jest
      .fn<Promise<Me>, []>()
      .mockResolvedValueOnce(cadre)
      .mockRejectedValueOnce(new CloudError('UNAVAILABLE', '网络太慢，等了很久没有回应，请稍后再试'))
    let reload: () => Promise<void> = async () => {}
    function Probe() {
      const me = useCloud(load)
      reload = me.reload
      return <HomeView me={me} onRetry={() => void me.reload()} onOpenManager={() => {}} />
    }
    render(<Probe />)
    await screen.findByText('马晓燕')
    await act(async () => {
      await reload()
    })
    await waitFor(() => expect(screen.getByTestId('refresh-error')).toBeTruthy())
    expect(screen.getByText('马晓燕')).toBeTruthy()
  })
})
