import { z } from '../zod'
import { RatingLevel } from '../enums'
import { BadReviewCase, CasePage, HeldPage, Landing, QrCode, Rating, RatingPage, RatingSummary, RequestPage, ServiceFigures, ratingsInput } from '../service'

/** The `ratings` cloud function: 群众点评, 差评 follow-up, appeals, figures and QR codes. */
export const ratingsApi = {
  /** Residents: what a scanned code is about (cadre, organisation, date) — no personal data. */
  landing: { input: ratingsInput.landing, output: Landing },
  /**
   * Residents only (no staff account of any system): one rating per visit or demand (一次一评), within the window.
   * The reply is the same whether the rating counts at once or waits for a manager's review: `caseOpened` says a
   * 差评 was taken and will be followed up (its case opens when it counts).
   */
  rate: {
    input: ratingsInput.rate,
    output: z.object({ rating: z.object({ id: z.string(), level: RatingLevel }), caseOpened: z.boolean(), message: z.string() })
  },
  /** Residents: one 追评 on their rating. */
  followUp: { input: ratingsInput.followUp, output: z.object({ message: z.string() }) },
  /** Managers of the cadre: the cadre's ratings one by one, never who gave them. */
  listMine: { input: ratingsInput.listMine, output: RatingPage },
  /** The rated cadre (or a manager): a period's ratings as aggregates only, over at least 3 of them. */
  summary: { input: ratingsInput.summary, output: RatingSummary },
  /** The rated cadre: their 整改 requests, stripped of who asked and what about. */
  listRequests: { input: ratingsInput.listRequests, output: RequestPage },
  /** Managers: ratings of their subtree held for review, oldest first, with their event. */
  listHeld: { input: ratingsInput.listHeld, output: HeldPage },
  /** Managers of the rated cadre: accept held ratings into the figures, or reject them, with a note. */
  reviewHeld: {
    input: ratingsInput.reviewHeld,
    output: z.object({ accepted: z.number().int(), rejected: z.number().int(), skipped: z.number().int(), items: z.array(Rating) })
  },
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
