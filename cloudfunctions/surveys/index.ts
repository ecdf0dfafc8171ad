import { surveysApi } from '@/types/api/surveys'
import { createFunction } from '../_lib/router'
import { templates } from './handlers/templates'
import { pushTemplate } from './handlers/pushTemplate'
import { create } from './handlers/create'
import { update } from './handlers/update'
import { publish } from './handlers/publish'
import { close } from './handlers/close'
import { remove } from './handlers/remove'
import { list } from './handlers/list'
import { get } from './handlers/get'
import { results } from './handlers/results'
import { texts } from './handlers/texts'
import { qr } from './handlers/qr'
import { open } from './handlers/open'
import { answer } from './handlers/answer'
import { paper } from './handlers/paper'

export const main = createFunction(surveysApi, {
  templates,
  pushTemplate,
  create,
  update,
  publish,
  close,
  remove,
  list,
  get,
  results,
  texts,
  qr,
  open,
  answer,
  paper
})
