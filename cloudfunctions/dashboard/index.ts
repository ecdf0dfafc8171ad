import { dashboardApi } from '@/types/api/dashboard'
import { createFunction } from '../_lib/router'
import { node } from './handlers/node'
import { cadre } from './handlers/cadre'

export const main = createFunction(dashboardApi, { node, cadre })
