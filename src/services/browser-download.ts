/** The browser saves `href` (a link or a data URL) under `fileName`, as a click on a download link does. H5 only. */
export function browserDownload(href: string, fileName: string): void {
  const a = document.createElement('a')
  a.href = href
  a.download = fileName
  a.rel = 'noopener'
  document.body.appendChild(a)
  a.click()
  a.remove()
}
