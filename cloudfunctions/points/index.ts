import { pointsApi } from '@/types/api/points'
import { createFunction } from '../_lib/router'
import { overview } from './handlers/overview'
import { listCadres } from './handlers/listCadres'
import { createPoint } from './handlers/createPoint'
import { updatePoint } from './handlers/updatePoint'
import { addContact, removeContact } from './handlers/contacts'

export const main = createFunction(pointsApi, { overview, listCadres, createPoint, updatePoint, addContact, removeContact })
