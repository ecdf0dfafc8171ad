import { chromium, type Browser } from 'playwright-core'
import { existsSync } from 'node:fs'

/** Debian's Chromium (installed by scripts/setup.sh --browser); playwright cannot download browsers here. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env.JDQ_CHROMIUM ?? '/usr/bin/chromium'
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}: run \`bash scripts/setup.sh --browser\` as root, or set JDQ_CHROMIUM`)
  }
  // chromium.launch() gives every run a fresh, throwaway profile.
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // A microphone that plays a tone, granted without a prompt when a context allows 'microphone' (语音留言).
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream'
    ]
  })
}
