import { householdsApi } from '@/types/api/households'
import { createFunction } from '../_lib/router'
import { list } from './handlers/list'
import { create } from './handlers/create'
import { update } from './handlers/update'
import { coverage } from './handlers/coverage'
import { book } from './handlers/book'
import { setProfile } from './handlers/setProfile'
import { addHelp } from './handlers/addHelp'
import { removeHelp } from './handlers/removeHelp'
import { linkDemand } from './handlers/linkDemand'
import { fourHundred } from './handlers/fourHundred'

export const main = createFunction(householdsApi, { list, create, update, coverage, book, setProfile, addHelp, removeHelp, linkDemand, fourHundred })
