/**
 * Seeds the demo dataset into a running emulator (or any environment the SDK env points at) through the real
 * wx-server-sdk. Idempotent: every document has a fixed _id and is written only when it is missing, so seeding
 * again — a second `npm start` on the same data — changes nothing that was there: the visits and days the demo
 * user added keep the statistics they moved (rewriting the seeded statistics would leave them behind their own
 * records). Derived counts that span documents (the org member counts) are rebuilt from the records after.
 *   tsx scripts/seed/index.ts [--url http://127.0.0.1:8099]
 */
import { buildDemoData, type DemoData } from './demo-data'
import { connectSdk } from '../sdk'

type Db = ReturnType<ReturnType<typeof connectSdk>['database']>

/** Adds the documents whose _id is not there yet; returns how many were added. */
export async function createMissing(db: Db, name: string, docs: readonly { _id: string }[]): Promise<number> {
  let added = 0
  // A few at a time: quick, and gentle on a laptop's emulator.
  for (let i = 0; i < docs.length; i += 20) {
    const part = docs.slice(i, i + 20)
    const found = (await db
      .collection(name)
      .where({ _id: db.command.in(part.map((d) => d._id)) })
      .field({ _id: true })
      .limit(part.length)
      .get()) as { data: { _id: string }[] }
    const have = new Set(found.data.map((d) => d._id))
    const missing = part.filter((d) => !have.has(d._id))
    await Promise.all(missing.map((doc) => db.collection(name).add({ data: { ...doc } })))
    added += missing.length
  }
  return added
}

/**
 * The demo cadre's visits and what they moved. Seeded once: their dates follow the seed's clock (`demoInstant`), and
 * a seed in a later year must not add that year's days and figures beside the visits already there.
 */
const VISIT_RECORDS: ReadonlySet<keyof DemoData> = new Set(['visits', 'visitDays', 'visitStats', 'voices', 'placeMonths'] as const)

async function hasDoc(db: Db, name: string, id: string): Promise<boolean> {
  const found = (await db.collection(name).where({ _id: id }).field({ _id: true }).limit(1).get()) as { data: unknown[] }
  return found.data.length > 0
}

export async function seed(url: string, clock = new Date()): Promise<Record<keyof DemoData, number>> {
  const db = connectSdk(url).database()
  const data = buildDemoData(undefined, clock)
  const visited = data.visits.length > 0 && (await hasDoc(db, 'visits', data.visits[0]._id))
  const counts = {} as Record<keyof DemoData, number>
  for (const name of Object.keys(data) as (keyof DemoData)[]) {
    if (!(visited && VISIT_RECORDS.has(name))) await createMissing(db, name, data[name])
    counts[name] = data[name].length
  }
  await recountMembers(url)
  return counts
}

/**
 * Sets each node's own member counts (OrgDoc.memberCounts: its active cadres and managers, kept by the orgs function
 * in every bind, move and removal) from the accounts in the database — after a seed, whose set() rewrites the org
 * documents and the demo accounts, and after anything else that writes accounts directly (the bench's datasets).
 */
export async function recountMembers(url: string): Promise<void> {
  const db = connectSdk(url).database()
  const { data: orgs } = (await db.collection('orgs').limit(1000).get()) as { data: { _id: string }[] }
  const count = async (orgId: string, role: string) =>
    (
      (await db
        .collection('users')
        .where({ orgId, role, active: db.command.neq(false) })
        .count()) as { total: number }
    ).total
  for (let i = 0; i < orgs.length; i += 20) {
    await Promise.all(
      orgs.slice(i, i + 20).map(async (o) => {
        const [cadre, manager] = await Promise.all([count(o._id, 'cadre'), count(o._id, 'manager')])
        await db
          .collection('orgs')
          .doc(o._id)
          .update({ data: { memberCounts: { cadre, manager } } })
      })
    )
  }
}

if (require.main === module) {
  const i = process.argv.indexOf('--url')
  const url = i > 0 ? process.argv[i + 1] : (process.env.JDQ_EMULATOR_URL ?? 'http://127.0.0.1:8099')
  seed(url).then(
    (counts) =>
      console.log(
        `seeded ${url}: ${Object.entries(counts)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}`
      ),
    (err) => {
      console.error('seed failed:', err)
      process.exit(1)
    }
  )
}
