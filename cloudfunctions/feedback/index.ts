import { feedbackApi } from '@/types/api/feedback'
import { createFunction } from '../_lib/router'
import { submit } from './handlers/submit'
import { listMine } from './handlers/listMine'
import { list } from './handlers/list'
import { answer } from './handlers/answer'

export const main = createFunction(feedbackApi, { submit, listMine, list, answer })
