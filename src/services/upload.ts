import Taro from '@tarojs/taro'
import type { UploadedFile } from '@/types/diary'
import {
  CLIENT_UPLOAD_MAX_BYTES,
  INLINE_UPLOAD_MAX_BYTES,
  PHOTO_MAX_BYTES,
  REPORT_EXTENSIONS,
  allowedExtension,
  extensionHint,
  formatBytes,
  type UploadKind
} from '@/types/rules/diary'
import { callCloud, initCloud } from './cloud'
import { CloudError } from './reply'
import { toBase64 } from './base64'

/**
 * Picks a file and puts it in the cadre's folder of cloud storage; resolves null when the cadre cancels.
 * WeChat: Taro.chooseMessageFile (reports) or chooseMedia (photos), then Taro.cloud.uploadFile to the path
 * the `diary.prepareUpload` action names. H5 (the emulator has no client-side upload): a file input whose
 * bytes go as base64 to `diary.upload`, which calls cloud.uploadFile itself (at most 5 MB).
 * Nothing is recorded yet: the page files the result (addReport, or a diary entry's photos).
 */
export async function pickAndUpload(kind: UploadKind): Promise<UploadedFile | null> {
  return process.env.TARO_ENV === 'h5' ? pickInBrowser(kind) : pickInWeChat(kind)
}

const limitFor = (kind: UploadKind, inline: boolean) => (kind === 'photo' ? PHOTO_MAX_BYTES : inline ? INLINE_UPLOAD_MAX_BYTES : CLIENT_UPLOAD_MAX_BYTES)

function check(kind: UploadKind, name: string, size: number, inline: boolean): void {
  if (!allowedExtension(kind, name)) throw new CloudError('BAD_REQUEST', extensionHint(kind))
  if (size <= 0) throw new CloudError('BAD_REQUEST', '文件是空的')
  const limit = limitFor(kind, inline)
  if (size > limit) throw new CloudError('BAD_REQUEST', `文件太大了（${formatBytes(size)}，最多 ${formatBytes(limit)}）`)
}

const cancelled = (err: unknown) => /cancel/i.test(String((err as { errMsg?: string })?.errMsg ?? err))

async function pickInWeChat(kind: UploadKind): Promise<UploadedFile | null> {
  let file: { path: string; size: number; name: string }
  try {
    if (kind === 'report') {
      const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: [...REPORT_EXTENSIONS] })
      file = res.tempFiles[0]
    } else {
      const res = await Taro.chooseMedia({ count: 1, mediaType: ['image'], sizeType: ['compressed'] })
      const f = res.tempFiles[0]
      file = { path: f.tempFilePath, size: f.size, name: f.tempFilePath.split('/').pop() ?? 'photo.jpg' }
    }
  } catch (err) {
    if (cancelled(err)) return null
    throw new CloudError('UNAVAILABLE', '没能选择文件，请再试一次')
  }
  if (!file) return null
  check(kind, file.name, file.size, false)
  const { cloudPath } = await callCloud('diary', 'prepareUpload', { kind, name: file.name })
  initCloud()
  try {
    const up = await Taro.cloud.uploadFile({ cloudPath, filePath: file.path })
    return { fileID: up.fileID, name: file.name, size: file.size }
  } catch {
    throw new CloudError('UNAVAILABLE', '上传没有成功，网络不太好，请稍后再试')
  }
}

function chooseInBrowser(kind: UploadKind): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = kind === 'report' ? REPORT_EXTENSIONS.map((e) => `.${e}`).join(',') : 'image/*'
    input.style.display = 'none'
    input.setAttribute('data-testid', `file-input-${kind}`)
    input.onchange = () => {
      resolve(input.files?.[0] ?? null)
      input.remove()
    }
    document.body.appendChild(input)
    input.click()
  })
}

async function pickInBrowser(kind: UploadKind): Promise<UploadedFile | null> {
  const file = await chooseInBrowser(kind)
  if (!file) return null
  check(kind, file.name, file.size, true)
  const contentBase64 = await toBase64(file)
  return callCloud('diary', 'upload', { kind, name: file.name, contentBase64 }, { timeoutMs: 60000 })
}

/** Opens a report: WeChat downloads and shows it (openDocument); the browser follows the link. */
export async function openReport(url: string, name: string): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    window.open(url, '_blank', 'noopener')
    return
  }
  try {
    const res = await Taro.downloadFile({ url })
    await Taro.openDocument({ filePath: res.tempFilePath, showMenu: true, fileType: name.split('.').pop() as never })
  } catch {
    throw new CloudError('UNAVAILABLE', '没能打开这份报告，请稍后再试')
  }
}
