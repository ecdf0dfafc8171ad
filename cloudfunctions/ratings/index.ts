import { ratingsApi } from '@/types/api/ratings'
import { createFunction } from '../_lib/router'
import { landing } from './handlers/landing'
import { rate } from './handlers/rate'
import { followUp } from './handlers/followUp'
import { listMine } from './handlers/listMine'
import { appeal } from './handlers/appeal'
import { decideAppeal } from './handlers/decideAppeal'
import { listCases } from './handlers/listCases'
import { listAppeals } from './handlers/listAppeals'
import { revisit } from './handlers/revisit'
import { rectify } from './handlers/rectify'
import { stats } from './handlers/stats'
import { qr } from './handlers/qr'
import { summary } from './handlers/summary'
import { listRequests } from './handlers/listRequests'
import { listHeld } from './handlers/listHeld'
import { reviewHeld } from './handlers/reviewHeld'

export const main = createFunction(ratingsApi, {
  landing,
  rate,
  followUp,
  listMine,
  appeal,
  decideAppeal,
  listAppeals,
  listCases,
  revisit,
  rectify,
  stats,
  qr,
  summary,
  listRequests,
  listHeld,
  reviewHeld
})
