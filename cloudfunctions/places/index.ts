import { placesApi } from '@/types/api/places'
import { createFunction } from '../_lib/router'
import { search } from './handlers/search'
import { setPoint } from './handlers/setPoint'
import { month } from './handlers/month'
import { county } from './handlers/county'
import { importPlaces } from './handlers/import'
import { setDivision } from './handlers/setDivision'

export const main = createFunction(placesApi, { search, setPoint, month, county, import: importPlaces, setDivision })
