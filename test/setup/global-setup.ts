import { runDir } from '../helpers/run-dir'

/** One folder for this run (inherited by the Jest workers through the environment). */
export default function globalSetup(): void {
  runDir()
}
