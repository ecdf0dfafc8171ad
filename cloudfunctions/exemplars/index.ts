import { exemplarsApi } from '@/types/api/exemplars'
import { createFunction } from '../_lib/router'
import { mark } from './handlers/mark'
import { unmark } from './handlers/unmark'
import { feed } from './handlers/feed'
import { candidates } from './handlers/candidates'

export const main = createFunction(exemplarsApi, { mark, unmark, feed, candidates })
