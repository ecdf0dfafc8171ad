import { z } from '@/types/zod'

// Chinese validation messages on the server only; the mini-program bundle never loads the locale.
z.config(z.locales.zhCN())

/** Turns zod issues into one line a person can act on: "name：不能为空；phone：格式不对". */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const where = issue.path.map(String).join('.')
      return where ? `${where}：${issue.message}` : issue.message
    })
    .join('；')
}
