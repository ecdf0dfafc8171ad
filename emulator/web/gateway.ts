import type { EmulatorServer } from '../server'
import { readBody, sendJson } from '../http'
import { FunctionError, type FunctionPool } from '../runtime/pool'
import { isPlausibleOpenid, sessionOpenid } from './session'

/** The fixed appid of dev sessions (what getWXContext().APPID returns for browser calls). */
export const DEV_APPID = 'wx-jdq-local-dev'

/**
 * What wx.cloud.callFunction is in WeChat, for the H5 build: the function runs as the dev session's
 * user. Exists only in the emulator; the product's weapp build never calls it.
 */
export function installGateway(server: EmulatorServer, pool: FunctionPool): void {
  server.route('POST', '/__/gateway/callFunction', async (req, res) => {
    const openid = sessionOpenid(req)
    if (!openid) return sendJson(res, 401, { code: 'UNAUTHENTICATED', message: '请先选择一个演示账号登录' })
    if (!isPlausibleOpenid(openid)) {
      return sendJson(res, 400, { code: 'BAD_REQUEST', message: '开发身份不像微信 openid（字母、数字、- 或 _，最多 64 位，至少一个字母），请重新登录' })
    }
    let body: { name?: unknown; data?: unknown }
    try {
      // 8 MB: room for a 5 MB file as base64 (diary.upload, H5's stand-in for the client-side upload WeChat has).
      body = JSON.parse((await readBody(req, 8 * 1024 * 1024)).toString('utf8')) as typeof body
    } catch {
      return sendJson(res, 400, { code: 'BAD_REQUEST', message: '请求格式不对' })
    }
    const name = typeof body.name === 'string' ? body.name : ''
    if (!pool.has(name)) return sendJson(res, 404, { code: 'NOT_FOUND', message: `没有这个云函数：${name || '（未指定）'}` })
    try {
      const result = await pool.invoke(name, body.data ?? {}, {
        OPENID: openid,
        APPID: DEV_APPID,
        CLIENTIP: req.socket.remoteAddress ?? '127.0.0.1',
        SOURCE: 'wx_client'
      })
      sendJson(res, 200, { result })
    } catch (err) {
      const e = err instanceof FunctionError ? err : new FunctionError('error', String(err))
      console.error(`[gateway] ${name}: ${e.message}`)
      if (e.kind === 'timeout') return sendJson(res, 504, { code: 'UNAVAILABLE', message: '服务器响应太慢，请稍后再试' })
      sendJson(res, 502, { code: 'INTERNAL', message: '系统出了点问题，请稍后再试' })
    }
  })
}
