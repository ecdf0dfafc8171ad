import {
  allowedExtension,
  base64Bytes,
  cloudPathFor,
  cloudPathOf,
  diaryEditableUntil,
  extensionOf,
  formatBytes,
  ownsFile,
  safeFileName
} from '@/types/rules/diary'

describe('民情日记 / 调研报告 rules', () => {
  it('reads extensions and accepts only document types for reports, images for photos', () => {
    expect(extensionOf('调研报告.PDF')).toBe('pdf')
    expect(extensionOf('没有扩展名')).toBe('')
    expect(allowedExtension('report', '报告.docx')).toBe(true)
    expect(allowedExtension('report', '病毒.exe')).toBe(false)
    expect(allowedExtension('photo', '现场.JPG')).toBe(true)
    expect(allowedExtension('photo', '报告.pdf')).toBe(false)
  })

  it('makes file names safe as one path segment, keeping Chinese and the extension', () => {
    expect(safeFileName('互助县 取暖/调研.pdf')).toBe('互助县 取暖_调研.pdf')
    expect(safeFileName('../../etc/passwd')).toBe('_.._etc_passwd')
    expect(safeFileName('a?b#c%d.docx')).toBe('a_b_c_d.docx')
    expect(safeFileName('.pdf')).toBe('file.pdf')
    const long = safeFileName(`${'长'.repeat(200)}.pdf`)
    expect(long.endsWith('.pdf')).toBe(true)
    expect(long.length).toBeLessThanOrEqual(80)
  })

  it('puts files in the cadre’s folder and recognises only those as theirs', () => {
    const p = cloudPathFor('report', 'user-1', 'u-9', '报告.pdf')
    expect(p).toBe('reports/user-1/u-9/报告.pdf')
    expect(cloudPathFor('photo', 'user-1', 'u-9', 'x.PNG')).toBe('diary/user-1/u-9.png')
    const id = `cloud://env.bucket/${p}`
    expect(cloudPathOf(id)).toBe(p)
    expect(ownsFile('report', 'user-1', id)).toBe(true)
    expect(ownsFile('report', 'user-10', id)).toBe(false) // prefix of another id is not enough
    expect(ownsFile('photo', 'user-1', id)).toBe(false)
    expect(ownsFile('report', 'user-1', 'cloud://env.bucket/reports/user-1/../user-2/a.pdf')).toBe(false)
    expect(ownsFile('report', 'user-1', 'https://evil/reports/user-1/a.pdf')).toBe(false)
  })

  it('counts base64 bytes without decoding', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 1000, 5 * 1024 * 1024]) {
      expect(base64Bytes(Buffer.alloc(n, 7).toString('base64'))).toBe(n)
    }
  })

  it('formats sizes and the 7-day edit window', () => {
    expect(formatBytes(12)).toBe('12 B')
    expect(formatBytes(830 * 1024)).toBe('830 KB')
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB')
    expect(diaryEditableUntil('2026-03-01T10:00:00Z').toISOString()).toBe('2026-03-08T10:00:00.000Z')
  })
})
