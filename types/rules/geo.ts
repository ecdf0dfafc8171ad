import type { GeoPoint } from '../models'

const EARTH_RADIUS_M = 6371008.8

const rad = (deg: number) => (deg * Math.PI) / 180

/**
 * Great-circle distance in metres (haversine). Both points must be in the same datum — GCJ-02 here,
 * as wx.getLocation({ type: 'gcj02' }) and WeChat maps give; over a few kilometres the GCJ-02 offset is
 * nearly uniform, so distances between two GCJ-02 points are as accurate as between WGS-84 ones.
 */
export function distanceM(a: GeoPoint, b: GeoPoint): number {
  const dLat = rad(b.lat - a.lat)
  const dLng = rad(b.lng - a.lng)
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)))
}

/** "350 米" / "12.4 公里": how far, in words a person reads at a glance. */
export function formatDistance(m: number): string {
  if (m < 1000) return `${Math.round(m)} 米`
  return `${(m / 1000).toFixed(m < 10000 ? 1 : 0)} 公里`
}
