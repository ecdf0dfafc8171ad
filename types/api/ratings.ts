import { z } from '../zod'
import { BadReviewCase, CasePage, Landing, QrCode, Rating, RatingPage, ServiceFigures, ratingsInput } from '../service'

/** The `ratings` cloud function: 群众点评, 差评 follow-up, appeals, figures and QR codes. */
export const ratingsApi = {
  /** Residents: what a scanned code is about (cadre, organisation, date) — no personal data. */
  landing: { input: ratingsInput.landing, output: Landing },
  /** Residents: one rating per visit or demand (一次一评), within the window; never the cadre's own. */
  rate: { input: ratingsInput.rate, output: z.object({ rating: Rating, caseOpened: z.boolean(), message: z.string() }) },
  /** Residents: one 追评 on their rating. */
  followUp: { input: ratingsInput.followUp, output: z.object({ message: z.string() }) },
  /** The rated cadre (or a manager): ratings without who gave them. */
  listMine: { input: ratingsInput.listMine, output: RatingPage },
  /** The rated cadre asks a manager to void a mistaken or malicious rating. */
  appeal: { input: ratingsInput.appeal, output: Rating },
  /** A manager of the cadre voids (or keeps) a rating, with a recorded reason; the figures follow. */
  decideAppeal: { input: ratingsInput.decideAppeal, output: Rating },
  /** Managers: ratings of their subtree's cadres with an appeal waiting, oldest first. */
  listAppeals: { input: ratingsInput.listAppeals, output: RatingPage },
  /** Managers: 差评 cases of their subtree, most urgent first. */
  listCases: { input: ratingsInput.listCases, output: CasePage },
  revisit: { input: ratingsInput.revisit, output: BadReviewCase },
  rectify: { input: ratingsInput.rectify, output: BadReviewCase },
  stats: { input: ratingsInput.stats, output: ServiceFigures },
  /** The cadre's QR code for a visit, a finished demand or a liaison point plate. */
  qr: { input: ratingsInput.qr, output: QrCode }
} as const
