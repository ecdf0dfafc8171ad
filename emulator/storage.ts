import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto'
import { createReadStream, existsSync, mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'
import { TcbError } from './db/types'
import { readBody } from './http'
import type { EmulatorServer } from './server'

/**
 * Cloud storage on local disk (<dataDir>/storage/files/<cloudPath>), served the way wx-server-sdk
 * expects: getUploadMetadata hands out a PUT url on the emulator, batchGetDownloadUrl signed temp
 * URLs (not percent-encoded: the SDK encodeURI()s them), batchDeleteFile. fileIDs look like the
 * cloud's: cloud://<envId>.<bucket>/<cloudPath>.
 */

const OBJECT_PREFIX = '/__/storage/o/'
const DEFAULT_MAX_AGE = 86400
const UPLOAD_LIMIT = 50 * 1024 * 1024

const contentTypes: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.heic': 'image/heic',
  '.svg': 'image/svg+xml',
  '.mp4': 'video/mp4',
  '.mov': 'video/quicktime',
  '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4',
  '.aac': 'audio/aac',
  '.silk': 'audio/silk',
  '.webm': 'audio/webm',
  '.ogg': 'audio/ogg',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
}

/** Content type by extension; unknown files are served as bytes. */
export function contentTypeFor(file: string): string {
  return contentTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream'
}

export interface StorageModule {
  bucket: string
  root: string
  fileId(cloudPath: string): string
}

/** A cloud path that stays inside the bucket: relative, no empty, '.' or '..' segments, no backslash or control chars. */
export function checkCloudPath(cloudPath: unknown): string {
  if (typeof cloudPath !== 'string' || cloudPath === '') throw new TcbError('INVALID_PARAM', 'cloudPath 不能为空')
  const p = cloudPath.replace(/^\/+/, '')
  if (p.length > 850) throw new TcbError('INVALID_PARAM', 'cloudPath 太长')
  // eslint-disable-next-line no-control-regex
  if (/[\\\u0000-\u001f\u007f?#%]/.test(p)) throw new TcbError('INVALID_PARAM', `cloudPath 含有不允许的字符：${cloudPath}`)
  const segments = p.split('/')
  if (segments.some((s) => s === '' || s === '.' || s === '..')) {
    throw new TcbError('INVALID_PARAM', `cloudPath 不合法（不能有空段、. 或 ..）：${cloudPath}`)
  }
  return p
}

export function installStorage(server: EmulatorServer, dataDir: string, envId: string): StorageModule {
  const base = path.join(dataDir, 'storage')
  const root = path.join(base, 'files')
  mkdirSync(root, { recursive: true })
  const secretFile = path.join(base, 'secret')
  if (!existsSync(secretFile)) writeFileSync(secretFile, randomBytes(32).toString('hex'))
  const secret = readFileSync(secretFile, 'utf8').trim()
  const bucket = `${envId}-1300000000`
  const fileId = (cloudPath: string) => `cloud://${envId}.${bucket}/${cloudPath}`
  /** Upload authorizations handed out by getUploadMetadata: authorization -> cloudPath. */
  const uploads = new Map<string, { cloudPath: string; expires: number }>()

  const sign = (cloudPath: string, expires: number) => createHmac('sha256', secret).update(`${cloudPath}\n${expires}`).digest('hex').slice(0, 32)

  /** Maps a fileID to a cloud path in our bucket, or undefined when it is not one of ours. */
  const pathOf = (id: unknown): string | undefined => {
    if (typeof id !== 'string' || !id.startsWith('cloud://')) return undefined
    const rest = id.slice('cloud://'.length)
    const slash = rest.indexOf('/')
    if (slash < 0) return undefined
    const host = rest.slice(0, slash)
    if (!host.endsWith(`.${bucket}`) && host !== bucket) return undefined
    try {
      return checkCloudPath(rest.slice(slash + 1))
    } catch {
      return undefined
    }
  }

  const diskPath = (cloudPath: string): string => {
    const full = path.resolve(root, cloudPath)
    if (!full.startsWith(root + path.sep)) throw new TcbError('INVALID_PARAM', 'cloudPath 越界')
    return full
  }

  const fileExists = (cloudPath: string) => {
    try {
      return statSync(diskPath(cloudPath)).isFile()
    } catch {
      return false
    }
  }

  server.onAdmin('storage.', async (action, body) => {
    switch (action) {
      case 'storage.getUploadMetadata': {
        const cloudPath = checkCloudPath(body.path)
        const authorization = `emu-${randomUUID()}`
        uploads.set(authorization, { cloudPath, expires: Date.now() + 15 * 60_000 })
        return {
          data: {
            url: `${server.url}${OBJECT_PREFIX}${cloudPath.split('/').map(encodeURIComponent).join('/')}`,
            token: 'emulator-token',
            authorization,
            fileId: fileId(cloudPath),
            cosFileId: `cos-${randomUUID()}`,
            download_url: ''
          }
        }
      }
      case 'storage.batchGetDownloadUrl': {
        const list = Array.isArray(body.file_list) ? (body.file_list as { fileid?: unknown; max_age?: unknown }[]) : []
        return {
          data: {
            download_list: list.map((item) => {
              const cloudPath = pathOf(item?.fileid)
              const maxAge = Number(item?.max_age ?? DEFAULT_MAX_AGE) || DEFAULT_MAX_AGE
              if (!cloudPath || !fileExists(cloudPath)) {
                return { fileID: item?.fileid, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST', message: '文件不存在' }
              }
              const expires = Math.floor(Date.now() / 1000) + maxAge
              return {
                fileID: item.fileid,
                // Raw (not percent-encoded): the SDK encodeURI()s it before fetching.
                tempFileURL: `${server.url}${OBJECT_PREFIX}${cloudPath}?t=${expires}&sign=${sign(cloudPath, expires)}`,
                code: 'SUCCESS',
                maxAge
              }
            })
          }
        }
      }
      case 'storage.batchDeleteFile': {
        const list = Array.isArray(body.fileid_list) ? (body.fileid_list as unknown[]) : []
        return {
          data: {
            delete_list: list.map((id) => {
              const cloudPath = pathOf(id)
              if (!cloudPath || !fileExists(cloudPath)) return { fileID: id, code: 'STORAGE_FILE_NONEXIST', message: '文件不存在' }
              unlinkSync(diskPath(cloudPath))
              return { fileID: id, code: 'SUCCESS' }
            })
          }
        }
      }
      default:
        throw new TcbError('INVALID_ACTION', `模拟器不支持 ${action}`)
    }
  })

  const xmlError = (res: ServerResponse, status: number, code: string, message: string) => {
    const body = `<?xml version='1.0' encoding='utf-8' ?>\n<Error>\n<Code>${code}</Code>\n<Message>${message}</Message>\n<Resource>-</Resource>\n<RequestId>emulator</RequestId>\n<TraceId>emulator</TraceId>\n</Error>`
    res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) })
    res.end(body)
  }

  server.route('*', OBJECT_PREFIX, async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    let cloudPath: string
    try {
      cloudPath = checkCloudPath(decodeURIComponent(url.pathname.slice(OBJECT_PREFIX.length)))
      diskPath(cloudPath)
    } catch {
      return xmlError(res, 400, 'InvalidURI', 'invalid object key')
    }
    if (req.method === 'PUT') {
      const auth = String(req.headers.authorization ?? '')
      const grant = uploads.get(auth)
      if (!grant || grant.cloudPath !== cloudPath || grant.expires < Date.now()) {
        await readBody(req, UPLOAD_LIMIT).catch(() => undefined)
        return xmlError(res, 403, 'AccessDenied', 'upload not authorised: call getUploadMetadata first')
      }
      const bytes = await readBody(req, UPLOAD_LIMIT)
      const file = diskPath(cloudPath)
      mkdirSync(path.dirname(file), { recursive: true })
      const tmp = `${file}.${process.pid}.${Date.now()}.upload`
      writeFileSync(tmp, bytes)
      renameSync(tmp, file)
      uploads.delete(auth)
      res.writeHead(200, { 'content-length': 0, etag: `"${createHash('md5').update(bytes).digest('hex')}"` })
      res.end()
      return
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return xmlError(res, 405, 'MethodNotAllowed', 'method not allowed')
    const expires = Number(url.searchParams.get('t'))
    const given = url.searchParams.get('sign') ?? ''
    const want = sign(cloudPath, expires)
    if (!Number.isFinite(expires) || given.length !== want.length || !timingSafeEqual(Buffer.from(given), Buffer.from(want))) {
      return xmlError(res, 403, 'AccessDenied', 'invalid signature: get a temp URL with getTempFileURL')
    }
    if (expires * 1000 < Date.now()) return xmlError(res, 403, 'AccessDenied', 'request has expired')
    const file = diskPath(cloudPath)
    let size: number
    try {
      const st = statSync(file)
      if (!st.isFile()) throw new Error('not a file')
      size = st.size
    } catch {
      return xmlError(res, 404, 'NoSuchKey', 'The specified key does not exist.')
    }
    res.writeHead(200, {
      'content-type': contentTypeFor(cloudPath),
      'content-length': size,
      'cache-control': 'private, max-age=600'
    })
    if (req.method === 'HEAD') {
      res.end()
      return
    }
    createReadStream(file).pipe(res)
  })

  return { bucket, root, fileId }
}
