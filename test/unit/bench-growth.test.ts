import { grows } from '../../scripts/bench/index'

const row = (docsExamined: number, docsReturned: number) => ({ action: 'a', ok: true, dbOps: 1, docsExamined, docsReturned, p50Ms: 1, p95Ms: 1 })

describe('bench growth flag', () => {
  it('flags reads that grow beyond what is returned', () => {
    expect(grows(row(20, 20), row(2000, 20))).toBe(true)
    expect(grows(row(30, 20), row(90, 20))).toBe(true)
  })

  it('does not flag more results, nor a constant overhead', () => {
    expect(grows(row(7, 7), row(29, 29))).toBe(false)
    expect(grows(row(11, 1), row(11, 1))).toBe(false)
    expect(grows(row(3, 3), row(12, 3))).toBe(false)
  })
})
