import { reviewsApi } from '@/types/api/reviews'
import { createFunction } from '../_lib/router'
import { mark } from './handlers/mark'
import { list } from './handlers/list'
import { inbox } from './handlers/inbox'
import { received } from './handlers/received'

export const main = createFunction(reviewsApi, { mark, list, inbox, received })
