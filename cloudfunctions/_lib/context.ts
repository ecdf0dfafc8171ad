import { cloud } from './cloud'

/** Who is calling: taken only from the platform's context, never from the request body. */
export interface Caller {
  openid: string
  appid: string
}

export interface RequestContext {
  caller: Caller | null
  /** The caller's IP as the platform saw it (getWXContext().CLIENTIP), null when it gave none (a timer, a server). */
  clientIp: string | null
  /** One clock per request, so every rule in a request sees the same instant. */
  now: Date
}

export function requestContext(): RequestContext {
  const wx = cloud.getWXContext()
  const openid = typeof wx.OPENID === 'string' && wx.OPENID ? wx.OPENID : null
  return {
    caller: openid ? { openid, appid: String(wx.APPID ?? '') } : null,
    clientIp: typeof wx.CLIENTIP === 'string' && wx.CLIENTIP ? wx.CLIENTIP : null,
    now: new Date()
  }
}
