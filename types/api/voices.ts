import { VoicePage, VoicesInput } from '../voices'

/** The `voices` cloud function: 三问 read back, for the cadre and the managers above them. */
export const voicesApi = {
  list: { input: VoicesInput, output: VoicePage }
} as const
