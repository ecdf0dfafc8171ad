import { diaryApi } from '@/types/api/diary'
import { createFunction } from '../_lib/router'
import { add } from './handlers/add'
import { update } from './handlers/update'
import { get } from './handlers/get'
import { list } from './handlers/list'
import { prepareUpload } from './handlers/prepareUpload'
import { upload } from './handlers/upload'
import { addReport } from './handlers/addReport'
import { listReports } from './handlers/listReports'
import { reportUrl } from './handlers/reportUrl'
import { removeReport } from './handlers/removeReport'

export const main = createFunction(diaryApi, { add, update, get, list, prepareUpload, upload, addReport, listReports, reportUrl, removeReport })
