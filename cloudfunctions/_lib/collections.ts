import type { OrgLevel, Role, System, FourInto } from '../../types/enums'
import type { GeoPoint } from '../../types/models'
import type { CollectionName } from '../../types/database'
import { db } from './cloud'

/** Documents as stored. Instants are Dates (UTC); Beijing-time days are derived, never stored as local strings. */
export interface OrgDoc {
  _id: string
  name: string
  system: System
  level: OrgLevel
  parentId: string | null
  /** Ancestor ids from the province down to and including this node: subtree queries are `path: id`. */
  path: string[]
  pathNames: string[]
}

export interface UserDoc {
  _id: string
  openid: string
  name: string
  role: Exclude<Role, 'resident'>
  title?: string
  orgId: string
  orgPath: string[]
  createdAt: Date
}

export interface LiaisonPointDoc {
  _id: string
  name: string
  kind: FourInto
  address: string
  location: GeoPoint
  radiusM: number
  orgId: string
  cadreId: string
  createdAt: Date
}

export interface ContactDoc {
  _id: string
  cadreId: string
  name: string
  relation: string
  phone: string
  createdAt: Date
}

export const collection = (name: CollectionName) => db.collection(name)
