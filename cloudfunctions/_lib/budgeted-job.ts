import { randomUUID } from 'node:crypto'
import type { CollectionName } from '@/types/database'
import { collection } from './collections'

/**
 * What the three timer jobs (reminders, rankings, reconcile) share. Each run does as much as fits in its budget,
 * saves a checkpoint after every step and stops; the timer's next firing continues from there.
 * So a province of any size is done in runs that each end well inside the platform's 60 s limit.
 */

/** A run's working time: the 60 s limit less room for the last step, the checkpoint and the reply. */
export const JOB_BUDGET_MS = 40_000

/** The options a run was given over the job's defaults; an undefined knob keeps its default. */
export function jobOptions<O extends { now: Date }>(defaults: Omit<O, 'now'>, given: Partial<O> & { now: Date }): O {
  const set = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined))
  return { ...defaults, ...set, now: given.now } as O
}

export interface JobRun {
  runId: string
  /** The run's clock: the trigger's instant moved on by the time the run has taken. */
  clock(): Date
  /** Less than `marginMs` left: start nothing more, save and stop. */
  outOfTime(marginMs: number): boolean
  /** Time the run has taken (ms). */
  elapsed(): number
}

export function startRun(now: Date, budgetMs: number, runId: string = randomUUID()): JobRun {
  const started = Date.now()
  const elapsed = () => Date.now() - started
  return {
    runId,
    clock: () => new Date(now.getTime() + elapsed()),
    outOfTime: (marginMs) => budgetMs - elapsed() < marginMs,
    elapsed
  }
}

/** Writes a job's checkpoint document whole (set() by _id: created or replaced). */
export async function putCheckpoint<C extends { _id: string }>(name: CollectionName, checkpoint: C): Promise<void> {
  const { _id, ...rest } = checkpoint
  await collection(name)
    .doc(_id)
    .set({ data: rest as Record<string, unknown> })
}
