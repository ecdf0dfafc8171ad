/**
 * `npm run deploy`'s plan, checked against the declarations it deploys: types/database.ts (every collection, its
 * indexes and its ADMINONLY permission) and cloudfunctions/*\/config.json (every function's timeout, memory,
 * openapi permissions and timer triggers). Then the difference planning: a re-run changes only what differs.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { database } from '@/types/database'
import { functionNames } from '@/scripts/build-functions'
import { cronOf } from '@/scripts/deploy/cloud'
import { desiredCollections, desiredFunctions, RUNTIME, type DesiredFunction } from '@/scripts/deploy/desired'
import { planLines } from '@/scripts/deploy/index'
import { descriptionOf, emptyState, planDatabase, planFunctions, type CurrentState } from '@/scripts/deploy/plan'

const root = path.resolve(__dirname, '../..')
const configOf = (name: string) =>
  JSON.parse(readFileSync(path.join(root, 'cloudfunctions', name, 'config.json'), 'utf8')) as {
    timeout: number
    memorySize: number
    triggers?: { name: string; type: string; config: string }[]
    permissions?: { openapi?: string[] }
  }
const lineFor = (lines: string[], method: string, subject: string) =>
  lines.filter((l) => l.startsWith(method) && l.slice(method.length).trimStart().startsWith(`${subject}:`))

describe('npm run deploy -- --plan', () => {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/deploy/index.ts', '--plan'], {
    cwd: root,
    encoding: 'utf8',
    // Offline and without credentials: none of them is set, and nothing may be installed or fetched.
    env: { PATH: process.env.PATH, HOME: process.env.HOME, npm_config_offline: 'true' }
  })
  const lines = run.stdout.split('\n').map((l) => l.trim())

  it('runs offline, without credentials or the deploy tools', () => {
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
  })

  it('creates every collection of types/database.ts with each of its indexes, and makes each ADMINONLY', () => {
    for (const [name, decl] of Object.entries(database)) {
      expect(lines).toContain(`database.createCollection          ${name}`)
      expect(lineFor(lines, 'ModifyDatabaseACL', name)).toEqual([`ModifyDatabaseACL                  ${name}: ADMINONLY (仅管理端可读写)`])
      const indexes = lineFor(lines, 'database.updateCollection', name)
      expect(indexes.map((l) => /create index (\S+)/.exec(l)?.[1])).toEqual(decl.indexes.map((i) => i.name))
      for (const index of decl.indexes.filter((i) => 'unique' in i && i.unique)) {
        expect(indexes.find((l) => l.includes(`create index ${index.name} `))).toMatch(/ unique$/)
      }
    }
  })

  it('creates every function with its config.json timeout, memory and openapi permissions, and each timer trigger', () => {
    for (const name of functionNames()) {
      const config = configOf(name)
      const [create] = lineFor(lines, 'functions.createFunction', name)
      expect(create).toContain(`${RUNTIME}, timeout ${config.timeout} s, memory ${config.memorySize} MB`)
      const openapi = config.permissions?.openapi ?? []
      expect(create).toContain(openapi.length ? `openapi ${openapi.join(', ')}` : 'no openapi')
      const triggers = lineFor(lines, 'functions.createFunctionTriggers', name)
      if (config.triggers?.length) {
        expect(triggers).toEqual([`functions.createFunctionTriggers   ${name}: ${config.triggers.map((t) => `${t.name} (timer "${t.config}")`).join(', ')}`])
      } else {
        expect(triggers).toEqual([])
      }
    }
    // The jobs that run on timers are there (a config.json losing its trigger would fail here).
    expect(
      functionNames()
        .filter((n) => configOf(n).triggers?.length)
        .sort()
    ).toEqual(['rankings', 'reconcile', 'reminders'])
  })

  it('builds and uploads the mini-program', () => {
    expect(lines.some((l) => l.startsWith('build  mini-program'))).toBe(true)
    expect(lines.some((l) => l.startsWith('ci.upload'))).toBe(true)
  })
})

describe('a re-run plans only what differs', () => {
  const collections = desiredCollections()
  const functions = desiredFunctions(null).map((f, i) => ({ ...f, codeHash: `hash${i}` }))
  /** An environment that holds exactly what the repository declares. */
  const upToDate = (): CurrentState => ({
    collections: Object.fromEntries(
      collections.map((c) => [c.name, { permission: 'ADMINONLY', indexes: c.indexes.map((i) => ({ ...i, keys: [...i.keys] })) }])
    ),
    functions: Object.fromEntries(
      functions.map((f) => [
        f.name,
        { runtime: f.runtime, timeout: f.timeout, memorySize: f.memorySize, description: descriptionOf(f.codeHash), triggers: [...f.triggers] }
      ])
    )
  })
  const fn = (name: string) => functions.find((f) => f.name === name) as DesiredFunction
  const plan = (state: CurrentState) => [...planDatabase(state, collections), ...planFunctions(state, functions)]

  it('nothing when the environment matches', () => {
    expect(plan(upToDate())).toEqual([])
  })

  it('everything for an empty environment, as --plan prints it', () => {
    const { calls } = planLines({
      collections,
      functions,
      current: emptyState,
      only: ['database', 'functions', 'miniprogram'],
      appid: 'wx1',
      envId: 'env1',
      version: '1.0.0'
    })
    expect(calls.filter((c) => c.kind === 'setPermission')).toHaveLength(collections.length)
    expect(calls.filter((c) => c.kind === 'createFunction')).toHaveLength(functions.length)
  })

  it('a collection a console left writable by its creator gets ADMINONLY again', () => {
    const state = upToDate()
    state.collections.users.permission = 'PRIVATE'
    expect(plan(state)).toEqual([{ kind: 'setPermission', collection: 'users', permission: 'ADMINONLY', was: 'PRIVATE' }])
  })

  it('a missing collection is created with its indexes and permission; a changed index is dropped and made again', () => {
    const state = upToDate()
    delete state.collections.contacts
    state.collections.visits.indexes = state.collections.visits.indexes.map((i) => (i.name === 'cadre_submission_unique' ? { ...i, unique: false } : i))
    expect(
      plan(state).map((c) =>
        `${c.kind} ${'collection' in c ? c.collection : ''} ${'index' in c ? (typeof c.index === 'string' ? c.index : c.index.name) : ''}`.trim()
      )
    ).toEqual([
      'createCollection contacts',
      'createIndex contacts cadre',
      'setPermission contacts',
      'dropIndex visits cadre_submission_unique',
      'createIndex visits cadre_submission_unique'
    ])
  })

  it('new code, a new timeout or memory, a changed or stray trigger: only those', () => {
    const state = upToDate()
    state.functions.user.description = descriptionOf('older')
    state.functions.visit.timeout = 3
    state.functions.exports.memorySize = 128
    state.functions.rankings.triggers = [{ name: 'computeRankings', type: 'timer', config: '0 0 * * * * *' }]
    state.functions.reconcile.triggers.push({ name: 'everyMinute', type: 'timer', config: '0 * * * * * *' })
    expect(plan(state)).toEqual([
      { kind: 'updateConfig', fn: fn('exports'), changes: ['memory 128 → 256 MB'] },
      { kind: 'deleteTrigger', fn: 'rankings', trigger: 'computeRankings', why: 'its schedule changed (was 0 0 * * * * *)' },
      { kind: 'createTriggers', fn: 'rankings', triggers: fn('rankings').triggers },
      { kind: 'deleteTrigger', fn: 'reconcile', trigger: 'everyMinute', why: 'not in config.json' },
      { kind: 'updateCode', fn: fn('user') },
      { kind: 'updateConfig', fn: fn('visit'), changes: ['timeout 3 → 10 s'] }
    ])
  })

  it('a function on another runtime is made again (a runtime is fixed at creation), with its triggers', () => {
    const state = upToDate()
    state.functions.reminders.runtime = 'Nodejs8.9'
    expect(plan(state)).toEqual([
      { kind: 'deleteFunction', fn: 'reminders', why: `runtime Nodejs8.9 → ${RUNTIME}, fixed at creation` },
      { kind: 'createFunction', fn: fn('reminders') },
      { kind: 'createTriggers', fn: 'reminders', triggers: fn('reminders').triggers }
    ])
  })

  it('reads a timer’s schedule as the cloud reports it', () => {
    expect(cronOf('{"cron":"0 */10 7-23 * * * *"}')).toBe('0 */10 7-23 * * * *')
    expect(cronOf('0 0 2 * * * *')).toBe('0 0 2 * * * *')
    expect(cronOf(undefined)).toBe('')
  })
})
