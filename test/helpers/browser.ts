import { chromium, type Browser } from 'playwright-core'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

/** Debian's Chromium (installed by scripts/setup.sh --browser); playwright cannot download browsers here. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env.JDQ_CHROMIUM ?? '/usr/bin/chromium'
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}: run \`bash scripts/setup.sh --browser\` as root, or set JDQ_CHROMIUM`)
  }
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
      `--user-data-dir=${mkdtempSync(path.join(tmpdir(), 'jdq-chromium-'))}`
    ]
  })
}
