import { callCloud, CloudError, h5Transport, isReadAction, loginUrl, navigation, parseReply, setTransport, type Transport } from '@/src/services/cloud'
import { cadre } from './fixtures'

describe('parseReply: the envelope of what a cloud function answered (the function checked its data against the contract)', () => {
  it('returns the data of a well-formed success', () => {
    expect(parseReply('user', 'me', { ok: true, data: cadre })).toEqual(cadre)
  })

  it('keeps the function’s own code and Chinese message on failure', () => {
    const err = catchError(() => parseReply('user', 'me', { ok: false, code: 'FORBIDDEN', message: '您没有权限做这件事' }))
    expect(err).toBeInstanceOf(CloudError)
    expect(err.code).toBe('FORBIDDEN')
    expect(err.message).toBe('您没有权限做这件事')
  })

  it.each([
    ['nothing', undefined],
    ['a string', 'Internal Server Error'],
    ['a success without data', { ok: true }],
    ['a failure without words or code', { ok: false }],
    ['no ok flag', { data: cadre }]
  ])('turns %s into INTERNAL with plain words', (_what, raw) => {
    const err = catchError(() => parseReply('user', 'me', raw))
    expect(err.code).toBe('INTERNAL')
    expect(err.message).toBe('系统出了点问题，请稍后再试')
  })

  it('a failure with a code it does not know is INTERNAL but keeps its words', () => {
    const err = catchError(() => parseReply('user', 'me', { ok: false, code: 'TEAPOT', message: '服务器在泡茶' }))
    expect(err.code).toBe('INTERNAL')
    expect(err.message).toBe('服务器在泡茶')
  })
})

describe('callCloud with an injected transport', () => {
  let previous: Transport
  afterEach(() => {
    setTransport(previous)
    jest.useRealTimers()
  })

  it('sends { action, ...payload } to the named function and returns checked data', async () => {
    const sent: [string, Record<string, unknown>][] = []
    previous = setTransport(async (name, data) => {
      sent.push([name, data])
      return { ok: true, data: cadre }
    })
    await expect(callCloud('user', 'me', {})).resolves.toEqual(cadre)
    expect(sent).toEqual([['user', { action: 'me' }]])
  })

  it('sends the payload as the page typed it: the function applies defaults and refuses bad input itself', async () => {
    const sent: Record<string, unknown>[] = []
    previous = setTransport(async (_name, data) => {
      sent.push(data)
      return { ok: false, code: 'BAD_REQUEST', message: '提交的内容有误：contactId：缺少联系人' }
    })
    const err = await callCloud('points', 'removeContact', { contactId: '' }).catch((e: CloudError) => e)
    expect(sent).toEqual([{ action: 'removeContact', contactId: '' }])
    expect(err).toBeInstanceOf(CloudError)
    expect((err as CloudError).code).toBe('BAD_REQUEST')
    expect((err as CloudError).message).toBe('提交的内容有误：contactId：缺少联系人')
  })

  it('network failure → UNAVAILABLE; a read is tried once more', async () => {
    const transport = jest
      .fn<Promise<unknown>, Parameters<Transport>>()
      .mockRejectedValueOnce(new Error('request:fail'))
      .mockResolvedValueOnce({ ok: true, data: cadre })
    previous = setTransport(transport)
    await expect(callCloud('user', 'me', {})).resolves.toEqual(cadre)
    expect(transport).toHaveBeenCalledTimes(2)
  })

  it('a write is not sent twice, and the failure is UNAVAILABLE in plain words', async () => {
    const transport = jest.fn<Promise<unknown>, Parameters<Transport>>().mockRejectedValue(new Error('request:fail'))
    previous = setTransport(transport)
    const err = (await callCloud('points', 'removeContact', { contactId: 'c1' }).catch((e: unknown) => e)) as CloudError
    expect(err.code).toBe('UNAVAILABLE')
    expect(err.message).toMatch(/网络/)
    expect(transport).toHaveBeenCalledTimes(1)
  })

  it('gives up after the timeout', async () => {
    previous = setTransport(() => new Promise(() => {}))
    const err = (await callCloud('user', 'me', {}, { timeoutMs: 20, retry: false }).catch((e: unknown) => e)) as CloudError
    expect(err.code).toBe('UNAVAILABLE')
    expect(err.message).toContain('网络太慢')
  })

  it('knows which actions only read', () => {
    for (const a of ['me', 'overview', 'list', 'listCadres', 'get', 'progress', 'calendar', 'coverage']) expect(isReadAction(a)).toBe(true)
    for (const a of ['checkIn', 'saveRecord', 'createPoint', 'removeContact', 'review', 'update']) expect(isReadAction(a)).toBe(false)
  })
})

function catchError(fn: () => unknown): CloudError {
  try {
    fn()
  } catch (err) {
    return err as CloudError
  }
  throw new Error('expected a CloudError')
}

describe('h5Transport: the emulator gateway', () => {
  const realFetch = global.fetch
  afterEach(() => {
    global.fetch = realFetch
    jest.restoreAllMocks()
  })

  function answer(status: number, body: unknown): jest.Mock {
    const fetchMock = jest.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }))
    global.fetch = fetchMock as unknown as typeof fetch
    return fetchMock
  }

  it('POSTs { name, data } with the session cookie and returns the function’s reply', async () => {
    const fetchMock = answer(200, { result: { ok: true, data: cadre } })
    await expect(h5Transport('user', { action: 'me' })).resolves.toEqual({ ok: true, data: cadre })
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit]
    expect(url).toBe('/__/gateway/callFunction')
    expect(init.method).toBe('POST')
    expect(init.credentials).toBe('same-origin')
    expect(JSON.parse(String(init.body))).toEqual({ name: 'user', data: { action: 'me' } })
  })

  it('401: sends the browser to the dev login page and reports UNAUTHENTICATED', async () => {
    answer(401, { code: 'UNAUTHENTICATED', message: '请先登录' })
    const toLogin = jest.spyOn(navigation, 'toLogin').mockImplementation(() => {})
    const err = (await h5Transport('user', { action: 'me' }).catch((e: unknown) => e)) as CloudError
    expect(err.code).toBe('UNAUTHENTICATED')
    expect(toLogin).toHaveBeenCalledTimes(1)
    expect(loginUrl()).toMatch(/^\/__\/login\?next=/)
  })

  it('no emulator behind the dev server (502) or no network: UNAVAILABLE', async () => {
    answer(502, 'Bad Gateway')
    expect(((await h5Transport('user', {}).catch((e: unknown) => e)) as CloudError).code).toBe('UNAVAILABLE')
    global.fetch = jest.fn(async () => {
      throw new TypeError('Failed to fetch')
    }) as unknown as typeof fetch
    expect(((await h5Transport('user', {}).catch((e: unknown) => e)) as CloudError).code).toBe('UNAVAILABLE')
  })

  it('a 200 without a result is INTERNAL', async () => {
    answer(200, { hello: 'world' })
    expect(((await h5Transport('user', {}).catch((e: unknown) => e)) as CloudError).code).toBe('INTERNAL')
  })
})
