// One warm instance of one cloud function, as SCF runs it: a plain Node process that loads the
// function's index.js unmodified on its first call and serves one invocation at a time. The caller's
// identity reaches getWXContext() through the environment, set afresh for every invocation.
'use strict'
const { setClockOffset } = require('./clock.cjs')
const file = process.env.JDQ_FUNCTION_FILE
let main = null

const WX_KEYS = ['OPENID', 'APPID', 'UNIONID', 'CLIENTIP']

process.on('message', async (msg) => {
  if (!msg || msg.type !== 'invoke') return
  for (const key of WX_KEYS) {
    const value = msg.wx[key]
    if (value) process.env[`WX_${key}`] = String(value)
    else delete process.env[`WX_${key}`]
  }
  process.env.WX_CONTEXT_KEYS = WX_KEYS.map((k) => `WX_${k}`).join(',')
  if (msg.wx.SOURCE) process.env.TCB_SOURCE = msg.wx.SOURCE
  else delete process.env.TCB_SOURCE
  // The emulator's clock, for this invocation (it may have been set since the last one).
  setClockOffset(msg.clockOffsetMs || 0)
  const cold = main === null
  try {
    if (cold) main = require(file).main
    const value = await main(msg.event, msg.context)
    process.send({ type: 'result', id: msg.id, ok: true, cold, value: value === undefined ? null : value })
  } catch (err) {
    process.send({ type: 'result', id: msg.id, ok: false, cold, error: err && err.stack ? err.stack : String(err) })
  }
})

// The emulator went away (even by kill -9): an orphaned instance must not linger.
process.on('disconnect', () => process.exit(0))
process.send({ type: 'ready' })
