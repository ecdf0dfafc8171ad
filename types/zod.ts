// Mini-program runtimes forbid eval/new Function; zod 4 probes for them at start-up
// unless told not to. Every schema imports z from here so the switch is set first.
import { z } from 'zod'

z.config({ jitless: true })

export { z }
