/** The liaison point's printable plate card (src/cadre/pages/qr/plate.ts): wrapping and layout, with a fake font. */
import { drawPlate, PLATE, plateWords, wrapText, type PlateContext } from '@/src/cadre/pages/qr/plate'

/** A Chinese character as wide as the font's size, a Tibetan letter 0.6 of it, vowel signs and subjoined letters none. */
const advance = (text: string, size: number) =>
  Array.from(text).reduce((w, c) => w + (/[\u0F71-\u0F84\u0F8D-\u0FBC]/.test(c) ? 0 : /[\u0F00-\u0FFF]/.test(c) ? 0.6 * size : size), 0)

function recorder() {
  const texts: { text: string; x: number; y: number; size: number }[] = []
  const images: { x: number; y: number; w: number; h: number }[] = []
  const ctx: PlateContext = {
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
    font: '10px sans-serif',
    textAlign: 'left',
    textBaseline: 'top',
    fillRect: () => undefined,
    strokeRect: () => undefined,
    fillText(text, x, y) {
      texts.push({ text, x, y, size: Number(/(\d+)px/.exec(this.font)![1]) })
    },
    measureText(text) {
      return { width: advance(text, Number(/(\d+)px/.exec(this.font)![1])) }
    },
    drawImage: (_img, x, y, w, h) => void images.push({ x, y, w, h })
  }
  return { ctx, texts, images }
}

describe('the plate card', () => {
  const width = (s: string) => Array.from(s).length * 10

  it('wraps a long name into lines that fit, ending in an ellipsis when it still does not', () => {
    expect(wrapText(width, '东关村', 100, 2)).toEqual(['东关村'])
    expect(wrapText(width, '城西区某某镇东关村党群服务中心', 80, 2)).toEqual(['城西区某某镇东关', '村党群服务中心'])
    const cut = wrapText(width, '城西区某某镇东关村党群服务中心联系点', 60, 2)
    expect(cut).toHaveLength(2)
    expect(cut[1].endsWith('…')).toBe(true)
    for (const line of cut) expect(width(line)).toBeLessThanOrEqual(60)
  })

  it('breaks Tibetan after a syllable mark rather than inside a syllable', () => {
    const lines = wrapText(width, plateWords.bo, 200, 3)
    expect(lines.join('')).toBe(plateWords.bo)
    for (const line of lines.slice(0, -1)) expect(line.endsWith('་') || line.endsWith('།')).toBe(true)
  })

  it('draws the code large, centred, with nothing written over or against it, and both instruction lines below', () => {
    const { ctx, texts, images } = recorder()
    drawPlate(ctx, {}, '城西区东关街道东关村党群服务中心')
    expect(images).toHaveLength(1)
    const qr = images[0]
    expect(qr.w).toBe(PLATE.qr)
    expect(qr.x).toBe((PLATE.width - PLATE.qr) / 2)
    expect(qr.y + qr.h).toBeLessThan(PLATE.height)
    for (const t of texts) {
      const top = t.y
      const bottom = t.y + t.size * 1.4
      expect(bottom <= qr.y - 10 || top >= qr.y + qr.h + 10).toBe(true)
      expect(t.x).toBe(PLATE.width / 2)
      expect(top).toBeGreaterThan(0)
      expect(bottom).toBeLessThan(PLATE.height)
    }
    const drawn = texts.map((t) => t.text).join('\n')
    expect(drawn).toContain('东关村')
    expect(drawn.replace(/\n/g, '')).toContain(plateWords.zh)
    expect(drawn.replace(/\n/g, '')).toContain(plateWords.bo)
  })
})
