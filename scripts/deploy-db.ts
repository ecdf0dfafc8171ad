/**
 * Creates the collections and indexes of types/database.ts in a real CloudBase environment
 * (the same declaration the emulator builds its tables from).
 *   tsx scripts/deploy-db.ts            print the plan
 *   tsx scripts/deploy-db.ts --apply    create what is missing; needs TCB_ENV_ID, TCB_SECRET_ID, TCB_SECRET_KEY
 *                                       and `npm i --no-save @cloudbase/manager-node`
 * Existing indexes are left alone; permissions (ADMINONLY) are set in the console (数据库 → 权限设置).
 */
import { database } from '../types/database'

interface ManagerDatabase {
  createCollectionIfNotExists(name: string): Promise<unknown>
  checkIndexExists(collection: string, index: string): Promise<{ Exists: boolean }>
  updateCollection(collection: string, options: unknown): Promise<unknown>
}

export function indexRequests() {
  return Object.entries(database).flatMap(([collection, decl]) =>
    decl.indexes.map((index) => ({
      collection,
      request: {
        IndexName: index.name,
        MgoKeySchema: {
          MgoIsUnique: Boolean('unique' in index && index.unique),
          MgoIndexKeys: index.keys.map(([Name, direction]) => ({ Name, Direction: String(direction) }))
        }
      }
    }))
  )
}

async function apply(): Promise<void> {
  const { TCB_ENV_ID: envId, TCB_SECRET_ID: secretId, TCB_SECRET_KEY: secretKey } = process.env
  if (!envId || !secretId || !secretKey) throw new Error('set TCB_ENV_ID, TCB_SECRET_ID and TCB_SECRET_KEY')
  const moduleName = '@cloudbase/manager-node'
  const { default: CloudBase } = (await import(moduleName)) as {
    default: new (o: object) => { database: ManagerDatabase }
  }
  const manager = new CloudBase({ envId, secretId, secretKey })
  for (const name of Object.keys(database)) {
    await manager.database.createCollectionIfNotExists(name)
    console.log(`collection ${name}: ok`)
  }
  for (const { collection, request } of indexRequests()) {
    const { Exists } = await manager.database.checkIndexExists(collection, request.IndexName)
    if (!Exists) await manager.database.updateCollection(collection, { CreateIndexes: [request] })
    console.log(`index ${collection}.${request.IndexName}: ${Exists ? 'exists' : 'created'}`)
  }
}

if (require.main === module) {
  if (process.argv.includes('--apply')) {
    apply().catch((err) => {
      console.error(err instanceof Error ? err.message : err)
      process.exit(1)
    })
  } else {
    for (const [name, decl] of Object.entries(database)) {
      console.log(`${name} (${decl.permission})`)
      for (const index of decl.indexes) {
        const unique = 'unique' in index && index.unique ? ' UNIQUE' : ''
        console.log(`  ${index.name}: ${index.keys.map(([f, d]) => `${f} ${d === 1 ? 'asc' : 'desc'}`).join(', ')}${unique}`)
      }
    }
    console.log('\nRun with --apply to create what is missing (see the header of this file).')
  }
}
