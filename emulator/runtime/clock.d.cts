/** Sets the offset (ms) between this process's clock and the real one. */
export function setClockOffset(ms: number): void
/** Sets the clock so that now is `instant`; time flows on from there. */
export function setClock(instant: Date | string | number): void
/** The current offset from the real clock, in ms. */
export function clockOffset(): number
