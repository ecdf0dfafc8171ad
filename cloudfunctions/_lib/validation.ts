import { z } from '@/types/zod'

// Chinese validation messages on the server only; the mini-program bundle never loads the locale.
const zhCN = z.locales.zhCN()

/**
 * The messages zod's locale wrote (not a schema's own `error`). A schema's own message names the thing in Chinese
 * ("缺少走访", "二维码编号不对，请重新扫码"); a locale message does not ("数值过小：期望 string >=1 字符"), so only it
 * needs the field's name in front to be understood. Bounded: one entry per distinct generic message.
 */
const localeMessages = new Set<string>()

z.config({
  localeError: (issue) => {
    const made = zhCN.localeError(issue)
    const text = typeof made === 'string' ? made : made?.message
    if (text) localeMessages.add(text)
    return made
  }
})

/**
 * Turns zod issues into one line a person can act on: a schema's own messages as they are ("缺少诉求；电话号码格式不对"),
 * zod's generic ones after the field's name ("name：数值过小：期望 string >=1 字符") — a person is never shown the
 * name of a parameter they cannot see, such as a QR code's `scene`.
 */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const where = issue.path.map(String).join('.')
      return where && localeMessages.has(issue.message) ? `${where}：${issue.message}` : issue.message
    })
    .join('；')
}
