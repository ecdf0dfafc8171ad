import type { z } from '@/types/zod'
import type { orgsApi } from '@/types/api/orgs'
import type { RequestContext } from '../../_lib/context'
import { requireStaff } from '../../_lib/auth'
import { loadedSchedules } from '../../_lib/holidays'
import { holidayYear } from '../holidays-shared'

/** A year's 法定节假日 and 调休 as deadlines count them: staff of any level may look. One read by _id. */
export async function holidays(input: z.output<typeof orgsApi.holidays.input>, ctx: RequestContext) {
  const user = await requireStaff(ctx)
  const [loaded] = await loadedSchedules([input.year])
  return holidayYear(input.year, loaded ?? null, user)
}
