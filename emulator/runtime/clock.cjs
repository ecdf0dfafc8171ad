// The emulator's settable clock: `new Date()` and `Date.now()` read the real clock plus an offset, so the
// product can be run at a chosen instant (the first day of a month, New Year's Eve in Beijing, a holiday's
// eve) while time keeps flowing. Installed in the emulator process and in every function instance it starts
// (the offset travels with each invocation), and in test processes and their browser pages, so all of them
// agree on "now". Plain CommonJS without dependencies: the function runner loads it with plain Node, the
// TypeScript side through clock.d.cts, a browser page as an init script.
'use strict'

// State lives on the global object: a module registry reset (Jest) must not capture the shifted Date as
// "real" and shift twice.
const KEY = Symbol.for('jdq.clock')
const state =
  globalThis[KEY] ||
  (globalThis[KEY] = (() => {
    const RealDate = Date
    const s = { RealDate, offset: 0, installed: false, ShiftedDate: null }
    function ShiftedDate(...args) {
      if (!new.target) return new RealDate(RealDate.now() + s.offset).toString()
      return Reflect.construct(RealDate, args.length === 0 ? [RealDate.now() + s.offset] : args, new.target)
    }
    Object.setPrototypeOf(ShiftedDate, RealDate)
    ShiftedDate.prototype = RealDate.prototype
    ShiftedDate.now = () => RealDate.now() + s.offset
    s.ShiftedDate = ShiftedDate
    return s
  })())

/** Sets the offset (ms) between this process's clock and the real one; installs the shifted Date once needed. */
function setClockOffset(ms) {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) throw new TypeError('clock offset must be a finite number of ms')
  state.offset = Math.round(ms)
  if (state.offset !== 0 && !state.installed) {
    globalThis.Date = state.ShiftedDate
    state.installed = true
  }
}

/** Sets the clock so that now is `instant` (a Date, an ISO string or epoch ms); time flows on from there. */
function setClock(instant) {
  const at = instant instanceof state.RealDate ? instant.getTime() : typeof instant === 'number' ? instant : state.RealDate.parse(String(instant))
  if (Number.isNaN(at)) throw new TypeError(`not an instant: ${String(instant)}`)
  setClockOffset(at - state.RealDate.now())
}

const clockOffset = () => state.offset

module.exports = { setClock, setClockOffset, clockOffset }
