import { createReadStream, existsSync, statSync } from 'node:fs'
import path from 'node:path'
import type { EmulatorServer } from '../server'
import { sendJson } from '../http'

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json'
}

/** Serves the H5 build (dist-h5) at `/`, so the app and the gateway share one origin. */
export function installStatic(server: EmulatorServer, staticDir: string): void {
  const root = path.resolve(staticDir)
  server.route('GET', '/', (_req, res, url) => {
    if (!existsSync(path.join(root, 'index.html'))) {
      return sendJson(res, 404, { message: '还没有 H5 构建：请运行 npm run build:h5（npm start 会自动构建）' })
    }
    const wanted = path.resolve(root, '.' + decodeURIComponent(url.pathname))
    if (wanted !== root && !wanted.startsWith(root + path.sep)) return sendJson(res, 403, { message: 'forbidden' })
    const file = existsSync(wanted) && statSync(wanted).isFile() ? wanted : path.join(root, 'index.html')
    const isIndex = file.endsWith('index.html')
    res.writeHead(200, {
      'content-type': types[path.extname(file)] ?? 'application/octet-stream',
      // Hashed assets may be cached; the page itself never, so a rebuild shows at once.
      'cache-control': isIndex ? 'no-cache' : 'public, max-age=31536000, immutable'
    })
    createReadStream(file).pipe(res)
  })
}
