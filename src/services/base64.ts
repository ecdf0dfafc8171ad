import { CloudError } from './reply'

/** A file's or a recording's bytes as base64, for an upload through a function (a browser, on the emulator). */
export function toBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''))
    reader.onerror = () => reject(new CloudError('BAD_REQUEST', '没能读取这个文件'))
    reader.readAsDataURL(file)
  })
}
