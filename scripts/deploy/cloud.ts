/**
 * Reads a CloudBase environment's state and applies planned calls, through CloudBase's management SDK
 * (@cloudbase/manager-node, installed by scripts/deploy/tools.ts). The interfaces below are the part of its
 * typings (types/database, types/function, types/common) this script uses.
 */
import path from 'node:path'
import { NOT_UPLOADED, type DesiredFunction, type Trigger } from './desired'
import { descriptionOf, type Call, type CurrentFunction, type CurrentIndex, type CurrentState } from './plan'

interface IndexInfo {
  Name: string
  Keys: { Name?: string; Direction?: string }[]
  Unique: boolean
}
interface ManagerDatabase {
  listCollections(options?: { MgoLimit?: number; MgoOffset?: number }): Promise<{ Collections: { CollectionName: string }[]; Pager: { Total: number } }>
  describeCollection(name: string): Promise<{ Indexes?: IndexInfo[] }>
  createCollection(name: string): Promise<unknown>
  updateCollection(
    name: string,
    indexes: {
      CreateIndexes?: { IndexName: string; MgoKeySchema: { MgoIndexKeys: { Name: string; Direction: string }[]; MgoIsUnique: boolean } }[]
      DropIndexes?: { IndexName: string }[]
    }
  ): Promise<unknown>
}
interface CloudFunctionSpec {
  name: string
  description?: string
  timeout?: number
  memorySize?: number
  runtime?: string
  handler?: string
  installDependency?: boolean
  ignore?: string[]
  triggers?: Trigger[]
}
interface ManagerFunctions {
  listFunctions(limit?: number, offset?: number): Promise<Record<string, string>[]>
  getFunctionDetail(name: string): Promise<{
    Runtime: string
    Timeout: number
    MemorySize: number
    Description: string
    Triggers?: { TriggerName?: string; Type: string; TriggerDesc?: string }[]
  }>
  createFunction(param: { func: CloudFunctionSpec; functionRootPath: string; force?: boolean }): Promise<unknown>
  updateFunctionCode(param: { func: CloudFunctionSpec; functionRootPath: string }): Promise<unknown>
  updateFunctionConfig(func: CloudFunctionSpec): Promise<unknown>
  deleteFunction(name: string): Promise<unknown>
  createFunctionTriggers(name: string, triggers: Trigger[]): Promise<unknown>
  deleteFunctionTrigger(name: string, triggerName: string): Promise<unknown>
  waitFunctionActive(name: string): Promise<void>
}
export interface Manager {
  database: ManagerDatabase
  functions: ManagerFunctions
  commonService(service?: string, version?: string): { call(o: { Action: string; Param: Record<string, unknown> }): Promise<Record<string, unknown>> }
}

export interface Connection {
  manager: Manager
  envId: string
}

const direction = (d: string | undefined): 1 | -1 => (d === '-1' ? -1 : 1)

/** A timer trigger's schedule as SCF reports it: the cron itself, or `{"cron": "…"}`. */
export function cronOf(desc: string | undefined): string {
  if (!desc) return ''
  try {
    const parsed = JSON.parse(desc) as { cron?: unknown }
    if (parsed && typeof parsed.cron === 'string') return parsed.cron
  } catch {
    // a plain cron string
  }
  return desc
}

async function collectionNames(db: ManagerDatabase): Promise<Set<string>> {
  const names = new Set<string>()
  for (let offset = 0; ; offset += 100) {
    const page = await db.listCollections({ MgoLimit: 100, MgoOffset: offset })
    for (const c of page.Collections) names.add(c.CollectionName)
    if (offset + 100 >= page.Pager.Total) return names
  }
}

async function functionNamesIn(fns: ManagerFunctions): Promise<Set<string>> {
  const names = new Set<string>()
  for (let offset = 0; ; offset += 100) {
    const page = await fns.listFunctions(100, offset)
    for (const f of page) names.add(f.FunctionName)
    if (page.length < 100) return names
  }
}

/** What the environment holds of what the repository declares (undeclared collections and functions are left alone). */
export async function readState({ manager, envId }: Connection, collections: string[], functions: string[]): Promise<CurrentState> {
  const state: CurrentState = { collections: {}, functions: {} }
  const existing = await collectionNames(manager.database)
  for (const name of collections.filter((c) => existing.has(c))) {
    const info = await manager.database.describeCollection(name)
    const indexes: CurrentIndex[] = (info.Indexes ?? []).map((i) => ({
      name: i.Name,
      keys: i.Keys.map((k) => [k.Name ?? '', direction(k.Direction)]),
      unique: i.Unique
    }))
    const acl = await manager.commonService().call({ Action: 'DescribeDatabaseACL', Param: { EnvId: envId, CollectionName: name } })
    state.collections[name] = { indexes, permission: typeof acl.AclTag === 'string' ? acl.AclTag : null }
  }
  const deployed = await functionNamesIn(manager.functions)
  for (const name of functions.filter((f) => deployed.has(f))) {
    const d = await manager.functions.getFunctionDetail(name)
    const fn: CurrentFunction = {
      runtime: d.Runtime,
      timeout: d.Timeout,
      memorySize: d.MemorySize,
      description: d.Description ?? '',
      triggers: (d.Triggers ?? []).map((t) => ({ name: t.TriggerName ?? '', type: t.Type as 'timer', config: cronOf(t.TriggerDesc) }))
    }
    state.functions[name] = fn
  }
  return state
}

/** Carries out one planned call; functionRoot is the folder of the production bundles. */
export async function apply({ manager, envId }: Connection, call: Call, functionRoot: string): Promise<void> {
  const { database: db, functions: fns } = manager
  const spec = (f: DesiredFunction): CloudFunctionSpec => ({
    name: f.name,
    description: descriptionOf(f.codeHash),
    timeout: f.timeout,
    memorySize: f.memorySize,
    runtime: f.runtime,
    handler: 'index.main',
    // wx-server-sdk is bundled: nothing to install in the cloud.
    installDependency: false,
    ignore: NOT_UPLOADED
  })
  switch (call.kind) {
    case 'createCollection':
      await db.createCollection(call.collection)
      return
    case 'createIndex':
      await db.updateCollection(call.collection, {
        CreateIndexes: [
          {
            IndexName: call.index.name,
            MgoKeySchema: { MgoIsUnique: call.index.unique, MgoIndexKeys: call.index.keys.map(([Name, d]) => ({ Name, Direction: String(d) })) }
          }
        ]
      })
      return
    case 'dropIndex':
      await db.updateCollection(call.collection, { DropIndexes: [{ IndexName: call.index }] })
      return
    case 'setPermission':
      await manager.commonService().call({ Action: 'ModifyDatabaseACL', Param: { EnvId: envId, CollectionName: call.collection, AclTag: call.permission } })
      return
    case 'deleteFunction':
      await fns.deleteFunction(call.fn)
      return
    case 'createFunction':
      // Triggers follow as a call of their own (createTriggers), so a half-done deploy resumes where it stopped.
      await fns.createFunction({ func: spec(call.fn), functionRootPath: path.resolve(functionRoot), force: false })
      return
    case 'updateCode': {
      const { name, installDependency, ignore, runtime, handler } = spec(call.fn)
      await fns.updateFunctionCode({ func: { name, installDependency, ignore, runtime, handler }, functionRootPath: path.resolve(functionRoot) })
      await fns.waitFunctionActive(name)
      // The hash of what was uploaded, read back by the next deploy.
      await fns.updateFunctionConfig({ name, description: descriptionOf(call.fn.codeHash) })
      await fns.waitFunctionActive(name)
      return
    }
    case 'updateConfig':
      await fns.updateFunctionConfig({ name: call.fn.name, timeout: call.fn.timeout, memorySize: call.fn.memorySize })
      await fns.waitFunctionActive(call.fn.name)
      return
    case 'deleteTrigger':
      await fns.deleteFunctionTrigger(call.fn, call.trigger)
      return
    case 'createTriggers':
      await fns.createFunctionTriggers(call.fn, call.triggers)
      return
  }
}
