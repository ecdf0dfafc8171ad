import { voicesApi } from '@/types/api/voices'
import { createFunction } from '../_lib/router'
import { list } from './handlers/list'

export const main = createFunction(voicesApi, { list })
