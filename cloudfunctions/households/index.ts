import { householdsApi } from '../../types/api/households'
import { createFunction } from '../_lib/router'
import { list } from './handlers/list'
import { create } from './handlers/create'
import { update } from './handlers/update'
import { coverage } from './handlers/coverage'

export const main = createFunction(householdsApi, { list, create, update, coverage })
