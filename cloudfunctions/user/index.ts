import { userApi } from '@/types/api/user'
import { createFunction } from '../_lib/router'
import { me } from './handlers/me'

export const main = createFunction(userApi, { me })
