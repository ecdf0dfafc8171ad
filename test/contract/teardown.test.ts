/**
 * A test run made to fail midway leaves nothing running: a Jest run of two careless suites (one fails with its
 * emulator still up, one hangs past its time limit), each with warm function instances, ends with every one of
 * their process groups gone.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { tempDir } from '../helpers/run-dir'
import { scaled } from '../helpers/time-scale'

const root = path.resolve(__dirname, '../..')

/** Live (not zombie: a container's init may never reap them) processes of a process group. */
const living = (pgid: number): string[] =>
  spawnSync('ps', ['-eo', 'pgid=,pid=,stat=,args='], { encoding: 'utf8' })
    .stdout.split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([group, , stat]) => Number(group) === pgid && stat !== undefined && !stat.startsWith('Z'))
    .map((fields) => fields.slice(1).join(' '))

it(
  'ends every emulator and function instance of a failed run',
  () => {
    const dir = tempDir('teardown-')
    const pids = path.join(dir, 'pids')
    const run = spawnSync(process.execPath, [path.join(root, 'node_modules/jest/bin/jest.js'), '--config', 'test/fixtures/teardown/jest.config.js', '--ci'], {
      cwd: root,
      env: { ...process.env, JDQ_TEST_RUN_DIR: path.join(dir, 'run'), JDQ_TEARDOWN_PIDS: pids },
      encoding: 'utf8',
      timeout: scaled(120_000)
    })
    const output = `${run.stdout}\n${run.stderr}`
    expect(run.status).toBe(1)
    expect(output).toContain('fails midway')
    expect(output).toContain('hangs past its time limit')
    const groups = readFileSync(pids, 'utf8').trim().split('\n').map(Number)
    expect(groups).toHaveLength(2)
    expect(output).toMatch(/\[teardown\] stopped \d process group/)
    expect(groups.flatMap(living)).toEqual([])
  },
  scaled(150_000)
)
