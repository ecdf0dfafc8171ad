import { demandsApi } from '@/types/api/demands'
import { createFunction } from '../_lib/router'
import { create } from './handlers/create'
import { resolve } from './handlers/resolve'
import { coordinate } from './handlers/coordinate'
import { progress } from './handlers/progress'
import { supervise } from './handlers/supervise'
import { finish } from './handlers/finish'
import { report } from './handlers/report'
import { close } from './handlers/close'
import { get } from './handlers/get'
import { list } from './handlers/list'
import { listOverdue } from './handlers/listOverdue'
import { triage } from './handlers/triage'
import { requestExtension } from './handlers/requestExtension'
import { decideExtension } from './handlers/decideExtension'
import { listExtensions } from './handlers/listExtensions'
import { receiveReport } from './handlers/receiveReport'
import { answerReport } from './handlers/answerReport'
import { listReports } from './handlers/listReports'
import { invalidate } from './handlers/invalidate'
import { reinstate } from './handlers/reinstate'
import { listInvalid } from './handlers/listInvalid'
import { reopen } from './handlers/reopen'
import { prepareVoice } from './handlers/prepareVoice'
import { uploadVoice } from './handlers/uploadVoice'
import { voiceUrl } from './handlers/voiceUrl'

export const main = createFunction(demandsApi, {
  create,
  resolve,
  coordinate,
  progress,
  supervise,
  finish,
  report,
  close,
  get,
  list,
  listOverdue,
  triage,
  requestExtension,
  decideExtension,
  listExtensions,
  receiveReport,
  answerReport,
  listReports,
  invalidate,
  reinstate,
  listInvalid,
  reopen,
  prepareVoice,
  uploadVoice,
  voiceUrl
})
