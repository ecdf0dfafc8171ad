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
  }
} as const satisfies Record<string, CollectionDeclaration>

export type CollectionName = keyof typeof database
