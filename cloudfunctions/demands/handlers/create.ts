import { createHash } from 'node:crypto'
import type { z } from '@/types/zod'
import type { demandsApi } from '@/types/api/demands'
import type { Demand } from '@/types/demands'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { findUserById, viewerOf } from '../../_lib/auth'
import { findUserByOpenid } from '../../_lib/users'
import { type Tx } from '../../_lib/tx'
import { beijingDate } from '@/types/rules/beijing-time'
import { RATE_LIMITS } from '@/types/rules/service'
import { demandRaisedDelta } from '../../_lib/stat-rules'
import { serviceRulesFor } from '../../_lib/org-rules'
import { holidayCalendarAt } from '../../_lib/holidays'
import { bumpCounter, bumpServiceStats, hashOpenid, newDemand, toDemand, type DemandDoc, type SceneDoc, type VoiceDoc } from '../../_lib/service'
import { VOICE_ONLY_TEXT } from '@/types/rules/voice-note'
import { readVoice } from '../voice'
import { byId } from '../../_lib/by-id'
import { createOnce } from '../../_lib/create-once'

type Input = z.output<typeof demandsApi.create.input>

/**
 * The entry's _id from who sends it and the phone's submissionId: a retry, a double tap or an offline
 * resend finds the first entry. Hashed, so two reports of one resident cannot be linked by their ids.
 */
const demandId = (sender: string, submissionId: string) => `dm_${createHash('sha256').update(`${sender}:${submissionId}`).digest('base64url').slice(0, 24)}`

/**
 * A new ledger entry. A cadre records one in their own ledger (no scene), with the urgency they judge. A resident
 * reports one through a scanned code (visit or liaison-point plate): no sign-up, at most RATE_LIMITS.reports a day
 * per openid. Residents do not set urgency: their 急 (or an 'urgent' sent by an older page) is a hint for the
 * staff who triage it; until then it has a general demand's deadline.
 * A resident may add a voice message (语音留言) they put in their own folder of storage, checked on its bytes
 * (cloudfunctions/demands/voice.ts); with one, words are optional.
 * Lands exactly once per submissionId: the entry is added in the transaction that checks it is not there yet,
 * and a resend is answered with the entry that landed (the daily limit is not counted again).
 */
export async function create(input: Input, ctx: RequestContext): Promise<Demand> {
  if (!ctx.caller) throw new AppError('UNAUTHENTICATED')
  const openid = ctx.caller.openid
  const user = await findUserByOpenid(openid)
  const contact =
    input.contactName || input.contactPhone
      ? { ...(input.contactName ? { name: input.contactName } : {}), ...(input.contactPhone ? { phone: input.contactPhone } : {}) }
      : null

  if (!input.scene) {
    if (!user) throw new AppError('FORBIDDEN', '请扫描干部出示的二维码或联系点的二维码来反映问题')
    if (user.role !== 'cadre') throw new AppError('FORBIDDEN', '只有干部可以在自己的台账里登记诉求')
    if (input.voice) throw new AppError('BAD_REQUEST', '语音留言只用于群众扫码反映问题，请把情况写下来')
    if (!input.text) throw new AppError('BAD_REQUEST', '请填写问题描述')
    const viewer = viewerOf(user)
    const [rules, calendar] = await Promise.all([serviceRulesFor(user.orgPath, ctx.now), holidayCalendarAt(ctx.now)])
    const doc = newDemand(
      {
        _id: demandId(user._id, input.submissionId),
        source: 'cadre',
        cadre: user,
        area: input.area,
        urgency: input.urgency ?? 'general',
        triaged: true,
        text: input.text,
        contact,
        by: { id: user._id, name: user.name, role: 'cadre' },
        rules,
        calendar
      },
      ctx.now
    )
    return landOnce(
      doc,
      input,
      (d) => toDemand(d, viewer, ctx.now),
      async (tx) => {
        await tx.collection('demands').add({ data: { ...doc } as unknown as Record<string, unknown> })
        await bumpServiceStats(tx, doc, ctx.now, demandRaisedDelta([doc.area]), ctx.now)
      }
    )
  }

  if (user) throw new AppError('FORBIDDEN', '干部和管理员请在台账里直接登记群众反映的问题')
  if (!input.text && !input.voice) throw new AppError('BAD_REQUEST', '请填写问题描述，或者录一段语音')
  const scene = await byId<SceneDoc>('scenes', input.scene)
  if (!scene) throw new AppError('NOT_FOUND', '这个二维码已失效，请联系干部重新出示')
  const cadre = await findUserById(scene.cadreId)
  if (!cadre || cadre.role !== 'cadre' || cadre.active === false) throw new AppError('NOT_FOUND', '这个二维码对应的干部已不在岗，请联系当地组织')
  const [rules, calendar, voice] = await Promise.all([
    serviceRulesFor(cadre.orgPath, ctx.now),
    holidayCalendarAt(ctx.now),
    input.voice ? readVoice(openid, input.voice.fileID, input.voice.durationMs) : Promise.resolve<VoiceDoc | null>(null)
  ])
  const doc = newDemand(
    {
      _id: demandId(openid, input.submissionId),
      source: 'resident',
      visitId: scene.kind === 'visit' ? scene.targetId : null,
      viaScene: scene._id,
      residentOpenid: openid,
      cadre,
      area: input.area,
      urgency: 'general',
      triaged: false,
      urgentHint: input.urgentHint === true || input.urgency === 'urgent',
      text: reportText(input),
      voice,
      contact,
      by: { id: 'resident', name: '群众', role: 'resident' },
      rules,
      calendar
    },
    ctx.now
  )
  return landOnce(
    doc,
    input,
    (d) => toDemand(d, null, ctx.now),
    async (tx) => {
      const n = await bumpCounter(tx, `report:${hashOpenid(openid)}:${beijingDate(ctx.now)}`, ctx.now)
      if (n > RATE_LIMITS.reports) throw new AppError('RATE_LIMITED', `今天已经反映了 ${RATE_LIMITS.reports} 个问题，请明天再来，急事请直接联系干部`)
      await tx.collection('demands').add({ data: { ...doc } as unknown as Record<string, unknown> })
      await bumpServiceStats(tx, doc, ctx.now, demandRaisedDelta([doc.area]), ctx.now)
    }
  )
}

/** Runs `write` unless the entry is there already; a resend (or the loser of a concurrent twin) gets the first entry. */
function landOnce(doc: DemandDoc, input: Input, reply: (d: DemandDoc) => Demand, write: (tx: Tx) => Promise<void>): Promise<Demand> {
  return createOnce<DemandDoc, Demand>(
    'demands',
    doc._id,
    (found) => replay(found, input, reply),
    async (tx) => {
      await write(tx)
      return reply(doc)
    }
  )
}

/** A report with only a voice message reads as one wherever its text is shown (ledger, exports, reminders). */
const reportText = (input: Input) => input.text || VOICE_ONLY_TEXT

function replay(found: DemandDoc, input: Input, reply: (d: DemandDoc) => Demand): Demand {
  const sameVoice = (found.voice?.fileID ?? undefined) === input.voice?.fileID
  if (found.text !== reportText(input) || !sameVoice || found.area !== input.area || (found.viaScene ?? undefined) !== input.scene) {
    throw new AppError('CONFLICT', '这个提交编号已经用于另一条诉求了，请重新填写后提交')
  }
  return reply(found)
}
