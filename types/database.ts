/**
 * The one declaration of the cloud database: collections, their indexes and who may read them
 * from a client. The emulator builds its tables and indexes from it; scripts/deploy-db.ts turns it
 * into the console/CLI steps for a real CloudBase environment.
 *
 * Index keys follow MongoDB: [field, 1 | -1] in order; compound indexes serve queries on a prefix.
 * A unique index treats a missing field as null, as the cloud does.
 */
export type IndexDirection = 1 | -1

export interface IndexDeclaration {
  name: string
  keys: ReadonlyArray<readonly [field: string, direction: IndexDirection]>
  unique?: boolean
}

export interface CollectionDeclaration {
  /** Mini-program clients never touch the database directly: every read and write goes through a cloud function. */
  permission: 'ADMINONLY'
  indexes: readonly IndexDeclaration[]
}

export const database = {
  orgs: {
    permission: 'ADMINONLY',
    indexes: [
      { name: 'parent', keys: [['parentId', 1], ['name', 1]] },
      { name: 'path', keys: [['path', 1]] }
    ]
  },
  users: {
    permission: 'ADMINONLY',
    indexes: [
      { name: 'openid_unique', keys: [['openid', 1]], unique: true },
      { name: 'org_role', keys: [['orgId', 1], ['role', 1]] },
      { name: 'orgPath_role', keys: [['orgPath', 1], ['role', 1]] }
    ]
  },
  liaisonPoints: {
    permission: 'ADMINONLY',
    indexes: [
      { name: 'cadre', keys: [['cadreId', 1], ['name', 1]] },
      { name: 'org', keys: [['orgId', 1]] }
    ]
  },
  contacts: {
    permission: 'ADMINONLY',
    indexes: [{ name: 'cadre', keys: [['cadreId', 1], ['createdAt', -1]] }]
  },
  /** 走访打卡: _id is `${cadreId}_${submissionId}`, so a submission lands once. */
  visits: {
    permission: 'ADMINONLY',
    indexes: [
      { name: 'cadre_time', keys: [['cadreId', 1], ['visitedAt', -1], ['_id', -1]] },
      { name: 'cadre_submission_unique', keys: [['cadreId', 1], ['submissionId', 1]], unique: true },
      { name: 'org_status_time', keys: [['orgPath', 1], ['status', 1], ['visitedAt', 1]] }
    ]
  },
  /** One document per cadre per Beijing date with a counted visit: _id `${cadreId}_${date}`. */
  visitDays: {
    permission: 'ADMINONLY',
    indexes: [{ name: 'cadre_date_unique', keys: [['cadreId', 1], ['date', 1]], unique: true }]
  },
  /** Per cadre per Beijing year, kept as visits are written: _id `${cadreId}_${year}`. */
  visitStats: {
    permission: 'ADMINONLY',
    indexes: [
      { name: 'cadre_year_unique', keys: [['cadreId', 1], ['year', 1]], unique: true },
      { name: 'org_year', keys: [['orgPath', 1], ['year', 1]] }
    ]
  },
  /** 五必访 registry. */
  households: {
    permission: 'ADMINONLY',
    indexes: [
      { name: 'cadre_name', keys: [['cadreId', 1], ['displayName', 1], ['_id', 1]] },
      { name: 'cadre_kind_name', keys: [['cadreId', 1], ['kind', 1], ['displayName', 1], ['_id', 1]] },
      { name: 'cadre_visitsYear', keys: [['cadreId', 1], ['visitsYear', 1]] },
      { name: 'cadre_visited', keys: [['cadreId', 1], ['visited', 1]] },
      { name: 'org', keys: [['orgPath', 1]] }
    ]
  }
} as const satisfies Record<string, CollectionDeclaration>

export type CollectionName = keyof typeof database
