// Every test file starts at the chosen instant (test/helpers/clock.ts), whatever today's date is.
import { setClock } from '@/emulator/runtime/clock.cjs'
import { testInstant } from '../helpers/clock'

setClock(testInstant())
