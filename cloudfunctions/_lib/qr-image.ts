import { cloud } from './cloud'
import { AppError } from './errors'

/**
 * A mini-program code's PNG: made once with wxacode.getUnlimited (it has a quota, and the same code should look the
 * same every time) and kept in cloud storage under `cloudPath`; returns its fileID.
 */
export async function makeQrFile(scene: string, page: string, cloudPath: string): Promise<string> {
  let buffer: Buffer
  try {
    const res = (await cloud.openapi.wxacode.getUnlimited({ scene, page, checkPath: false, width: 430 } as never)) as { buffer: Buffer }
    buffer = res.buffer
  } catch (err) {
    console.error('[qr] getUnlimited failed', err)
    throw new AppError('UNAVAILABLE', '生成二维码失败，请稍后再试')
  }
  const up = (await cloud.uploadFile({ cloudPath, fileContent: buffer })) as { fileID: string }
  return up.fileID
}

/** A fresh temporary link to a kept code (a small reply, no base64). */
export async function qrUrl(fileID: string): Promise<string> {
  const urls = (await cloud.getTempFileURL({ fileList: [fileID] })) as { fileList: { tempFileURL: string }[] }
  const url = urls.fileList[0]?.tempFileURL
  if (!url) throw new AppError('UNAVAILABLE', '二维码图片暂时取不到，请稍后再试')
  return url
}
