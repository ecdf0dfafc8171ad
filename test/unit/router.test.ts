import { z } from '@/types/zod'
import { sdkEnv } from '../helpers/emulator'

// The router reads identity from the real wx-server-sdk's getWXContext(), which reads the environment
// the way an SCF instance's does. No network is touched by these tests.
Object.assign(process.env, sdkEnv('http://127.0.0.1:9'), {
  WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID',
  WX_OPENID: 'o-unit',
  WX_APPID: 'wx-unit'
})

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createFunction } = require('@/cloudfunctions/_lib/router') as typeof import('@/cloudfunctions/_lib/router')
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { AppError } = require('@/cloudfunctions/_lib/errors') as typeof import('@/cloudfunctions/_lib/errors')

const spec = {
  greet: { input: z.object({ name: z.string().min(1).max(10) }), output: z.object({ text: z.string() }) },
  fail: { input: z.object({}), output: z.object({}) },
  scan: { input: z.object({ scene: z.string().regex(/^[a-z]{4}$/, { error: '二维码编号不对，请重新扫码' }) }), output: z.object({}) },
  crash: { input: z.object({}), output: z.object({}) },
  leak: { input: z.object({}), output: z.object({ n: z.number() }) }
} as const

const main = createFunction(spec, {
  async greet({ name }, ctx) {
    return { text: `${name}@${ctx.caller?.openid}` }
  },
  async fail() {
    throw new AppError('FORBIDDEN', '只有本人的管理员可以查看')
  },
  async scan() {
    return {}
  },
  async crash() {
    throw new Error('secret stack detail')
  },
  async leak() {
    return { n: 'not a number' } as unknown as { n: number }
  }
})

describe('cloud function router', () => {
  it('routes by action and passes the caller from getWXContext', async () => {
    await expect(main({ action: 'greet', name: '卓玛' })).resolves.toEqual({ ok: true, data: { text: '卓玛@o-unit' } })
  })

  it('ignores identity claimed in the event', async () => {
    const reply = await main({ action: 'greet', name: 'a', userInfo: { openId: 'o-forged' }, openid: 'o-forged' })
    expect(reply).toEqual({ ok: true, data: { text: 'a@o-unit' } })
  })

  it.each([[null], [undefined], ['greet'], [{}], [{ action: 42 }], [{ action: 'nope' }]])('answers BAD_REQUEST naming the actions for %p', async (event) => {
    const reply = await main(event)
    expect(reply).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
    expect(!reply.ok && reply.message).toContain('greet')
  })

  it('says in Chinese which field is wrong', async () => {
    const reply = await main({ action: 'greet', name: '' })
    expect(reply).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
    expect(!reply.ok && reply.message).toMatch(/name：/)
  })

  it('shows a schema’s own message as it is, without a parameter name the person never saw', async () => {
    expect(await main({ action: 'scan', scene: 'x' })).toEqual({ ok: false, code: 'BAD_REQUEST', message: '提交的内容有误：二维码编号不对，请重新扫码' })
  })

  it('passes an expected failure through with its message', async () => {
    await expect(main({ action: 'fail' })).resolves.toEqual({ ok: false, code: 'FORBIDDEN', message: '只有本人的管理员可以查看' })
  })

  it('hides internal errors behind a plain message', async () => {
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined)
    const reply = await main({ action: 'crash' })
    expect(reply).toMatchObject({ ok: false, code: 'INTERNAL' })
    expect(JSON.stringify(reply)).not.toContain('secret')
    spy.mockRestore()
  })

  it('never returns data that breaks the contract', async () => {
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined)
    await expect(main({ action: 'leak' })).resolves.toMatchObject({ ok: false, code: 'INTERNAL' })
    spy.mockRestore()
  })
})
