import { distanceM, formatDistance } from '@/types/rules/geo'

describe('haversine distance (GCJ-02 points)', () => {
  it('is zero for the same point and symmetric', () => {
    const a = { lat: 36.6105, lng: 101.7921 }
    const b = { lat: 36.6239, lng: 101.7788 }
    expect(distanceM(a, a)).toBe(0)
    expect(distanceM(a, b)).toBeCloseTo(distanceM(b, a), 6)
  })

  it('measures one degree of latitude as about 111.2 km', () => {
    expect(distanceM({ lat: 36, lng: 101 }, { lat: 37, lng: 101 })).toBeCloseTo(111195, -1)
  })

  it('measures Xining to Haiyan (about 85 km) in the right range', () => {
    const xining = { lat: 36.6171, lng: 101.7782 }
    const haiyan = { lat: 36.9003, lng: 100.9942 }
    const d = distanceM(xining, haiyan)
    expect(d).toBeGreaterThan(75000)
    expect(d).toBeLessThan(85000)
  })

  it('formats for people', () => {
    expect(formatDistance(349.6)).toBe('350 米')
    expect(formatDistance(1234)).toBe('1.2 公里')
    expect(formatDistance(56789)).toBe('57 公里')
  })
})
