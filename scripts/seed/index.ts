/**
 * Seeds the demo dataset into a running emulator (or any environment the SDK env points at)
 * through the real wx-server-sdk. Idempotent: every document has a fixed _id and is written with set().
 *   tsx scripts/seed/index.ts [--url http://127.0.0.1:8099]
 */
import { buildDemoData, type DemoData } from './demo-data'
import { connectSdk } from '../sdk'

export async function seed(url: string): Promise<Record<keyof DemoData, number>> {
  const db = connectSdk(url).database()
  const data = buildDemoData()
  const counts = {} as Record<keyof DemoData, number>
  for (const name of Object.keys(data) as (keyof DemoData)[]) {
    const docs = data[name]
    // A few writes at a time: quick, and gentle on a laptop's emulator.
    for (let i = 0; i < docs.length; i += 20) {
      await Promise.all(
        docs.slice(i, i + 20).map(({ _id, ...doc }) => db.collection(name).doc(_id).set({ data: doc }))
      )
    }
    counts[name] = docs.length
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
    ((await db.collection('users').where({ orgId, role, active: db.command.neq(false) }).count()) as { total: number }).total
  for (let i = 0; i < orgs.length; i += 20) {
    await Promise.all(
      orgs.slice(i, i + 20).map(async (o) => {
        const [cadre, manager] = await Promise.all([count(o._id, 'cadre'), count(o._id, 'manager')])
        await db.collection('orgs').doc(o._id).update({ data: { memberCounts: { cadre, manager } } })
      })
    )
  }
}

if (require.main === module) {
  const i = process.argv.indexOf('--url')
  const url = i > 0 ? process.argv[i + 1] : process.env.JDQ_EMULATOR_URL ?? 'http://127.0.0.1:8099'
  seed(url).then(
    (counts) => console.log(`seeded ${url}: ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}`),
    (err) => {
      console.error('seed failed:', err)
      process.exit(1)
    }
  )
}
