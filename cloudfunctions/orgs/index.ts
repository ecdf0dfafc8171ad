import { orgsApi } from '@/types/api/orgs'
import { createFunction } from '../_lib/router'
import { tree } from './handlers/tree'
import { members } from './handlers/members'
import { createInvite } from './handlers/createInvite'
import { listInvites } from './handlers/listInvites'
import { revokeInvite } from './handlers/revokeInvite'
import { peekInvite } from './handlers/peekInvite'
import { acceptInvite } from './handlers/acceptInvite'
import { moveCadre } from './handlers/moveCadre'
import { removeCadre } from './handlers/removeCadre'
import { getRules } from './handlers/getRules'
import { setRules } from './handlers/setRules'
import { ruleHistory } from './handlers/ruleHistory'
import { holidays } from './handlers/holidays'
import { loadHolidays } from './handlers/loadHolidays'

export const main = createFunction(orgsApi, {
  tree,
  members,
  createInvite,
  listInvites,
  revokeInvite,
  peekInvite,
  acceptInvite,
  moveCadre,
  removeCadre,
  getRules,
  setRules,
  ruleHistory,
  holidays,
  loadHolidays
})
