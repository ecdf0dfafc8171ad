import { packsApi } from '@/types/api/packs'
import { createFunction } from '../_lib/router'
import { get } from './handlers/get'

export const main = createFunction(packsApi, { get })
