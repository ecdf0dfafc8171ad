'use strict'
/**
 * One cloud function instance, as SCF runs it: a Node process that loads the function's index.js once
 * (cold start) and then serves one invocation at a time. Forked by emulator/functions/runtime.ts with
 * the SCF environment already set; per invocation it sets the caller's WX_* variables so that
 * cloud.getWXContext() answers for this caller only.
 *
 * Parent -> child: { type: 'invoke', id, event, context, wx: { OPENID, APPID, UNIONID, CLIENTIP, SOURCE } }
 * Child -> parent: { type: 'ready', initMs } | { type: 'initError', message, stack }
 *                  { type: 'result', id, ok: true, json } | { type: 'result', id, ok: false, error: { name, message, stack } }
 */
const path = require('node:path')

const dir = process.argv[2]
const WX_KEYS = ['OPENID', 'APPID', 'UNIONID', 'CLIENTIP']

// The emulator owns this process: when it goes away (even kill -9), so do we.
process.on('disconnect', () => process.exit(0))

function send(message) {
  if (process.connected) process.send(message)
}

function describe(err) {
  if (err instanceof Error) return { name: err.name, message: err.message, stack: err.stack }
  if (err && typeof err === 'object') {
    let text
    try {
      text = JSON.stringify(err)
    } catch {
      text = String(err)
    }
    return { name: 'Error', message: text }
  }
  return { name: 'Error', message: String(err) }
}

let main
const started = Date.now()
try {
  const mod = require(path.join(dir, 'index.js'))
  main = typeof mod === 'function' ? mod : mod && mod.main
  if (typeof main !== 'function') throw new Error(`${path.join(dir, 'index.js')} does not export main(event, context)`)
  send({ type: 'ready', initMs: Date.now() - started })
} catch (err) {
  const e = describe(err)
  send({ type: 'initError', message: e.message, stack: e.stack })
  setTimeout(() => process.exit(1), 50)
}

process.on('message', async (msg) => {
  if (!msg || msg.type !== 'invoke') return
  const wx = msg.wx || {}
  process.env.WX_CONTEXT_KEYS = WX_KEYS.map((k) => `WX_${k}`).join(',')
  for (const key of WX_KEYS) {
    const value = wx[key]
    if (value === undefined || value === null || value === '') delete process.env[`WX_${key}`]
    else process.env[`WX_${key}`] = String(value)
  }
  if (wx.SOURCE) process.env.TCB_SOURCE = String(wx.SOURCE)
  else delete process.env.TCB_SOURCE
  try {
    const value = await main(msg.event, msg.context)
    let json
    try {
      json = value === undefined ? 'null' : JSON.stringify(value)
    } catch (err) {
      throw new Error(`the return value cannot be serialised as JSON: ${err && err.message}`)
    }
    send({ type: 'result', id: msg.id, ok: true, json })
  } catch (err) {
    send({ type: 'result', id: msg.id, ok: false, error: describe(err) })
  }
})

// A stray rejection or exception in user code is logged, as SCF logs it; the instance lives on.
process.on('unhandledRejection', (reason) => {
  console.error('Unhandled promise rejection:', reason)
})
