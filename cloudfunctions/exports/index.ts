import { exportsApi } from '@/types/api/exports'
import { createFunction } from '../_lib/router'
import { start } from './handlers/start'
import { continueJob } from './handlers/continue'
import { status } from './handlers/status'
import { list } from './handlers/list'

export const main = createFunction(exportsApi, { start, continue: continueJob, status, list })
