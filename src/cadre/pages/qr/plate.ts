/**
 * The printable plate card of a liaison point (联系点铭牌): what a cadre prints and puts up at the point so residents
 * can scan it any day to report a problem. Drawn with the standard 2D canvas API, which a WeChat `<Canvas type="2d">`
 * and a browser canvas both provide, so one layout serves both. The card is 1200 × 1720 px: printed at 10 × 14 cm it
 * is about 300 dpi, and the code fills most of the width so a phone reads it from an arm's length.
 */

/** The part of a 2D context the card uses (a WeChat canvas context and a browser one both have it). */
export interface PlateContext {
  fillStyle: unknown
  strokeStyle: unknown
  lineWidth: number
  font: string
  textAlign: string
  textBaseline: string
  fillRect(x: number, y: number, w: number, h: number): void
  strokeRect(x: number, y: number, w: number, h: number): void
  fillText(text: string, x: number, y: number): void
  measureText(text: string): { width: number }
  drawImage(image: never, x: number, y: number, w: number, h: number): void
}

export const PLATE = { width: 1200, height: 1720, margin: 80, qr: 860 } as const

/** Tibetan script needs a font that has it; these are the usual ones on phones and computers, then the system's. */
const TIBETAN_FONTS = '"Noto Sans Tibetan", "Noto Serif Tibetan", "Tibetan Machine Uni", "Microsoft Himalaya", Kailasa, sans-serif'
const CHINESE_FONTS = '"PingFang SC", "Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", sans-serif'

/** What the card says besides the code: one line of instructions in each language, as the resident pages word it. */
export const plateWords = {
  heading: '联系点',
  zh: '微信扫一扫，随时反映身边的困难和问题',
  bo: 'ཨར་ཁྲ་འདི་བཤེར་ནས་དཀའ་ངལ་དུས་རྟག་ཏུ་ཞུ་ཆོག',
  motto: '下基层 · 接地气 · 办实事'
} as const

/**
 * `text` broken into at most `maxLines` lines no wider than `maxWidth` (a point's name can be long: 某某县某某镇某某村
 * 党群服务中心); a last line that would still overflow ends with an ellipsis. Chinese and Tibetan break anywhere
 * between characters; a Tibetan line prefers to break after a tsheg (་) or shad (།).
 */
export function wrapText(measure: (s: string) => number, text: string, maxWidth: number, maxLines: number): string[] {
  const chars = Array.from(text)
  const lines: string[] = []
  let start = 0
  while (start < chars.length && lines.length < maxLines) {
    let end = start + 1
    while (end < chars.length && measure(chars.slice(start, end + 1).join('')) <= maxWidth) end++
    if (end < chars.length) {
      let soft = end - 1
      while (soft > start && chars[soft] !== '་' && chars[soft] !== '།') soft--
      if (soft > start) end = soft + 1
    }
    lines.push(chars.slice(start, end).join(''))
    start = end
  }
  if (start < chars.length && lines.length > 0) {
    let last = Array.from(lines[lines.length - 1])
    while (last.length > 1 && measure(`${last.join('')}…`) > maxWidth) last = last.slice(0, -1)
    lines[lines.length - 1] = `${last.join('')}…`
  }
  return lines
}

/** Draws the whole card: heading, the point's name (up to two lines), the code, the two lines of instructions. */
export function drawPlate(ctx: PlateContext, qr: unknown, pointName: string): void {
  const { width, height, margin, qr: size } = PLATE
  const inner = width - margin * 2
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, width, height)
  ctx.strokeStyle = '#c8161d'
  ctx.lineWidth = 12
  ctx.strokeRect(24, 24, width - 48, height - 48)
  ctx.textAlign = 'center'
  ctx.textBaseline = 'top'

  let y = margin
  ctx.fillStyle = '#c8161d'
  ctx.font = `bold 56px ${CHINESE_FONTS}`
  ctx.fillText(plateWords.heading, width / 2, y)
  y += 90

  ctx.fillStyle = '#1a1a1a'
  ctx.font = `bold 80px ${CHINESE_FONTS}`
  for (const line of wrapText((s) => ctx.measureText(s).width, pointName, inner, 2)) {
    ctx.fillText(line, width / 2, y)
    y += 100
  }

  // The code always at the same place (room above for two lines of name), white all round it (its quiet zone).
  const qrTop = 400
  ctx.drawImage(qr as never, (width - size) / 2, qrTop, size, size)
  y = qrTop + size + 40

  ctx.fillStyle = '#1a1a1a'
  ctx.font = `56px ${CHINESE_FONTS}`
  for (const line of wrapText((s) => ctx.measureText(s).width, plateWords.zh, inner, 2)) {
    ctx.fillText(line, width / 2, y)
    y += 80
  }
  // Tibetan fonts draw their letters small for the size, and stacked letters reach below the line: larger, with room.
  y += 16
  ctx.font = `76px ${TIBETAN_FONTS}`
  for (const line of wrapText((s) => ctx.measureText(s).width, plateWords.bo, inner, 2)) {
    ctx.fillText(line, width / 2, y)
    y += 110
  }
  ctx.fillStyle = '#8c8c8c'
  ctx.font = `36px ${CHINESE_FONTS}`
  ctx.fillText(plateWords.motto, width / 2, height - 76)
}
