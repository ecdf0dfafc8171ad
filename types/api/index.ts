import type { z } from '../zod'
import { userApi } from './user'
import { pointsApi } from './points'
import { visitApi } from './visit'
import { householdsApi } from './households'
import { diaryApi } from './diary'
import { demandsApi } from './demands'
import { ratingsApi } from './ratings'
import { remindersApi } from './reminders'
import { reconcileApi } from './reconcile'
import { dashboardApi } from './dashboard'
import { orgsApi } from './orgs'
import { feedbackApi } from './feedback'
import { exportsApi } from './exports'
import { exemplarsApi } from './exemplars'
import { rankingsApi } from './rankings'
import { surveysApi } from './surveys'
import { voicesApi } from './voices'
import { reviewsApi } from './reviews'
import { packsApi } from './packs'
import { placesApi } from './places'

export interface ActionSpec {
  input: z.ZodObject
  output: z.ZodType
}

/** Every cloud function and its actions: the one contract both ends compile against. */
export const api = {
  user: userApi,
  points: pointsApi,
  visit: visitApi,
  households: householdsApi,
  diary: diaryApi,
  demands: demandsApi,
  ratings: ratingsApi,
  reminders: remindersApi,
  reconcile: reconcileApi,
  dashboard: dashboardApi,
  orgs: orgsApi,
  feedback: feedbackApi,
  exports: exportsApi,
  exemplars: exemplarsApi,
  rankings: rankingsApi,
  surveys: surveysApi,
  voices: voicesApi,
  reviews: reviewsApi,
  packs: packsApi,
  places: placesApi
} as const satisfies Record<string, Record<string, ActionSpec>>

export type Api = typeof api
export type FunctionName = keyof Api
export type ActionName<F extends FunctionName> = keyof Api[F] & string
type Spec<F extends FunctionName, A extends ActionName<F>> = Api[F][A] extends ActionSpec ? Api[F][A] : never
export type ActionInput<F extends FunctionName, A extends ActionName<F>> = z.input<Spec<F, A>['input']>
export type ActionOutput<F extends FunctionName, A extends ActionName<F>> = z.output<Spec<F, A>['output']>
