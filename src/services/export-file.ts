import Taro from '@tarojs/taro'
import { browserDownload } from './browser-download'
import { CloudError } from './reply'
import { beijing } from '@/types/rules/beijing-time'

/**
 * Opens an exported .xlsx: WeChat downloads it and shows it with openDocument (the user can forward or save it
 * from there); the browser gets a download link with the file's name.
 */
export async function openExportFile(url: string, fileName: string): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    browserDownload(url, fileName)
    return
  }
  try {
    const res = await Taro.downloadFile({ url })
    await Taro.openDocument({ filePath: res.tempFilePath, showMenu: true, fileType: 'xlsx' })
  } catch {
    throw new CloudError('UNAVAILABLE', '没能打开这份报表，请稍后再试')
  }
}

/** The periods a manager picks from, in Beijing time: this month, last month, this quarter, this year, last year. */
export function periodOptions(now: Date): { value: string; label: string }[] {
  const b = beijing(now)
  const y = b.year()
  const m = b.month() + 1
  const last = b.subtract(1, 'month')
  return [
    { value: b.format('YYYY-MM'), label: `本月（${m}月）` },
    { value: last.format('YYYY-MM'), label: `上月（${last.month() + 1}月）` },
    { value: `${y}-Q${Math.ceil(m / 3)}`, label: `本季度（第${Math.ceil(m / 3)}季度）` },
    { value: String(y), label: `今年（${y}年）` },
    { value: String(y - 1), label: `去年（${y - 1}年）` }
  ]
}
