/**
 * Fuzzing every action of the api registry: inputs generated from each action's zod schema
 * (valid ones, biased towards real ids and places so they get past "not found") and deliberately wrong
 * ones (wrong types, missing fields, huge strings, Infinity, deep nesting, __proto__ keys, NoSQL
 * operators, wrong action names), sent through the gateway as a cadre and as their county manager.
 * Every reply must be ok or a typed error with a Chinese message — never INTERNAL, never a stack trace;
 * a batch of calls that were all refused must leave the database exactly as it was; cadres' replies
 * pass the privacy walk; afterwards the visit statistics still equal what the visits say.
 *
 *   FUZZ_RUNS=2000 FUZZ_SEED=42 npx jest --selectProjects contract --testPathPattern fuzz
 * FUZZ_RUNS is per action (half valid, half wrong; default 120), FUZZ_SEED replays a run.
 * The registry's actions are dealt in turn to fuzz-1 … fuzz-4.test.ts (so Jest's two workers share
 * them and each file stays well under a minute); a new action lands in one of them.
 */
import fc from 'fast-check'
import { startEmulator, loadSdk, type TestEmulator } from '../helpers/emulator'
import { seed } from '@/scripts/seed'
import { buildDemoData, demoAccounts } from '@/scripts/seed/demo-data'
import { database } from '@/types/database'
import { ruleOf } from '@/cloudfunctions/access'
import {
  callRaw,
  digest,
  writeCount,
  digestDiff,
  functionsDir,
  invalidEvent,
  isBuilt,
  privacyIndex,
  privacyViolations,
  reconcileVisits,
  registryActions,
  replyProblem,
  serialize,
  validInput,
  type Hints,
  type Observed,
  type PrivacyIndex
} from '../helpers/harness'
import { scaled } from '../helpers/time-scale'

const RUNS = Math.max(2, Number(process.env.FUZZ_RUNS ?? 120))
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() % 2 ** 31
const DIGEST_EVERY = 50
jest.setTimeout(scaled(Math.max(60_000, RUNS * 400)))

const demo = buildDemoData()
const cadre = demoAccounts.cadre
const manager = demoAccounts.countyManager
const me = demo.users.find((u) => u.openid === cadre)!
const callers = [cadre, manager] as const

export const FUZZ_PARTS = 4

export function fuzzSuite(part: number): void {
  const allActions = registryActions()
  // Actions are dealt in turn (not whole functions), so the parts stay about the same size.
  const actions = allActions.filter((_, i) => i % FUZZ_PARTS === part - 1)
  const mine = new Set(actions.map((a) => a.fn))
  const built = actions.filter((a) => isBuilt(a.fn))

  describe(`fuzz (part ${part} of ${FUZZ_PARTS}: ${actions.length} actions of ${[...mine].join(', ')})`, () => {
    let emu: TestEmulator
    let db: unknown
    const hints: Hints = {
      ids: [
        me._id,
        ...demo.users.filter((u) => u.orgId === me.orgId).map((u) => u._id),
        'user-union-xining-chengdong-cadre-1',
        ...demo.liaisonPoints.filter((p) => p.orgId === me.orgId).map((p) => p._id),
        ...demo.contacts.filter((c) => c.cadreId === me._id).map((c) => c._id),
        ...demo.households.map((h) => h._id),
        ...demo.visits.map((v) => v._id)
      ],
      places: demo.liaisonPoints.filter((p) => p.cadreId === me._id).map((p) => p.location)
    }
    const observed: Observed[] = []
    let index: PrivacyIndex
    const stats = { calls: 0, ok: 0, refused: 0, refusedVerified: 0 }

    beforeAll(async () => {
      emu = await startEmulator({ args: ['--functions', functionsDir, '--no-timers'] })
      await seed(emu.url)
      db = loadSdk(emu.url).database()
      // Whose phone is whose, as seeded (a contact removed during the run was still the cadre's when shown).
      index = await privacyIndex(db, Object.keys(database))
    })
    afterAll(async () => {
      await emu?.stop()
      console.log(
        `fuzz: seed ${SEED}, ${RUNS} inputs per action, ${built.length} actions: ${stats.calls} calls, ${stats.ok} ok, ${stats.refused} refused (${stats.refusedVerified} checked: no database write)`
      )
    })

    it('covers every function of the registry (each must be built by scripts/build-functions.ts)', () => {
      const missing = [...new Set(actions.filter((a) => !isBuilt(a.fn)).map((a) => a.fn))]
      expect(missing).toEqual([])
    })

    it.each(built.map((a) => [a.key, a] as const))(
      '%s: generated and wrong inputs give ok or a typed Chinese error, refusals change nothing',
      async (_key, a) => {
        const others = actions.filter((x) => x.fn === a.fn && x.action !== a.action).map((x) => x.action)
        const who = fc.constantFrom(...callers)
        const valid = fc.sample(
          fc.tuple(
            who,
            validInput(a.spec, hints).map((input) => ({ ...input, action: a.action }))
          ),
          { numRuns: Math.ceil(RUNS / 2), seed: SEED }
        )
        const invalid = fc.sample(fc.tuple(who, invalidEvent(a.spec, hints, a.action, others)), { numRuns: Math.floor(RUNS / 2), seed: SEED + 1 })
        const cases = [...valid, ...invalid] as [string, unknown][]
        const failures: string[] = []
        // Sequential: on two shared cores, concurrent calls only add cold instances (measured: 2 ms per
        // refused call alone, 9 ms four at a time). Sequential calls also make every refusal attributable:
        // the emulator's write counter must not move during a refused call, and the full digest (counts and
        // content hash of every collection) must not change over a chunk of calls that were all refused.
        let writes = await writeCount(emu.url)
        let chunkStart = await digest(emu.url)
        let chunkRefused = true
        for (let i = 0; i < cases.length; i++) {
          const [openid, event] = cases[i]
          const out = await callRaw(emu.url, openid, a.fn, event)
          const after = await writeCount(emu.url)
          stats.calls++
          const problem = replyProblem(out)
          if (problem) failures.push(`#${i} as ${openid}: ${problem}\n    event: ${serialize(event).slice(0, 300)}`)
          if (out.reply?.ok) {
            stats.ok++
            chunkRefused = false
          } else {
            stats.refused++
            if (after !== writes)
              failures.push(`#${i} as ${openid}: refused (${out.reply?.code}), yet it wrote to the database\n    event: ${serialize(event).slice(0, 300)}`)
            else stats.refusedVerified++
          }
          writes = after
          if (openid === cadre && out.reply) {
            // Keyed by the action that actually ran (a wrong-action input may have named another one).
            const ran =
              event && typeof event === 'object' && typeof (event as { action?: unknown }).action === 'string' ? (event as { action: string }).action : a.action
            observed.push({ key: `${a.fn}.${ran}`, openid, request: event, reply: out.reply })
          }
          if ((i + 1) % DIGEST_EVERY === 0 || i === cases.length - 1) {
            const now = await digest(emu.url)
            const diff = digestDiff(chunkStart, now)
            if (chunkRefused && diff.length) failures.push(`#..${i}: every call refused, yet the database changed: ${diff.join('; ')}`)
            chunkStart = now
            chunkRefused = true
          }
        }
        if (failures.length)
          throw new Error(`${failures.length} of ${cases.length} inputs failed (FUZZ_SEED=${SEED}):\n  ${failures.slice(0, 12).join('\n  ')}`)
      }
    )

    it('leaves no trace of __proto__ payloads: a resident is still a resident and still refused', async () => {
      const resident = 'o-fuzz-resident'
      const meReply = await callRaw(emu.url, resident, 'user', { action: 'me' })
      expect(meReply.reply).toMatchObject({ ok: true, data: { role: 'resident' } })
      if (isBuilt('visit') && mine.has('visit'))
        expect((await callRaw(emu.url, resident, 'visit', { action: 'listPending' })).reply).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    })

    it('keeps the visit statistics equal to what the visits say', async () => {
      expect(await reconcileVisits(db)).toEqual([])
    })

    it('gives the cadre no one else’s phone number, ID number or openid', async () => {
      await privacyIndex(db, Object.keys(database), index)
      const lines = observed.flatMap((o) => privacyViolations(o, index, ruleOf(o.key.split('.')[0], o.key.split('.')[1])?.clearPhonesFrom))
      expect([...new Set(lines)].slice(0, 20)).toEqual([])
    })
  })
}
