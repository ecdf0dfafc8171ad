import type { z } from '@/types/zod'
import type { SurveyQr, surveysInput } from '@/types/surveys'
import { SURVEY_PAGE, surveyH5Path } from '@/types/rules/surveys'
import { collection } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireStaff } from '../../_lib/auth'
import { makeQrFile, qrUrl } from '../../_lib/qr-image'
import { requireAuthor, surveyOrThrow } from '../shared'

/** The code the author shows or prints: the survey's own code as the scene, its PNG made once. */
export async function qr(input: z.output<typeof surveysInput.qr>, ctx: RequestContext): Promise<SurveyQr> {
  const user = await requireStaff(ctx)
  const s = await surveyOrThrow(input.surveyId)
  requireAuthor(user, s)
  if (s.status === 'draft') throw new AppError('CONFLICT', '请先发布问卷，再出示二维码')
  let fileID = s.qrFileID
  if (!fileID) {
    fileID = await makeQrFile(s._id, SURVEY_PAGE, `qr/${s._id}.png`)
    await collection('surveys')
      .doc(s._id)
      .update({ data: { qrFileID: fileID } })
  }
  return { scene: s._id, page: SURVEY_PAGE, imageUrl: await qrUrl(fileID), h5Path: surveyH5Path(s._id) }
}
