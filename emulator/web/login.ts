import { randomBytes } from 'node:crypto'
import type { EmulatorServer } from '../server'
import { readBody } from '../http'
import { SESSION_COOKIE, isPlausibleOpenid, sessionOpenid } from './session'

interface DevUser {
  openid: string
  name: string
  role: string
  title?: string
  orgId?: string
}

/** README's demo accounts, pinned above the long lists (one per kind of person). */
const featured: [openid: string, what: string][] = [
  ['demo-women-xining-chengdong-cadre-1', 'README 里的演示干部'],
  ['demo-women-xining-chengdong-manager', '县级管理员'],
  ['demo-women-xining-manager', '市级管理员'],
  ['demo-women-admin', '省活动办']
]

const roleOrder: [role: string, label: string][] = [
  ['cadre', '干部'],
  ['manager', '管理员'],
  ['admin', '省活动办']
]

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

/** Only paths on this site may follow a login (no open redirect). */
const safeNext = (next: string | null) => (next && next.startsWith('/') && !next.startsWith('//') ? next : '/')

function button(u: DevUser, orgNames: Map<string, string>, note = ''): string {
  return `<li data-search="${esc(`${u.name} ${u.title ?? ''} ${u.openid} ${orgNames.get(u.orgId ?? '') ?? ''} ${note}`.toLowerCase())}"><button type="submit" name="openid" value="${esc(u.openid)}" data-openid="${esc(u.openid)}">
            <span class="name">${esc(u.name)}<small>${esc(note || u.title)}</small><code class="openid">${esc(u.openid)}</code></span>
            <span class="org">${esc(orgNames.get(u.orgId ?? '') ?? '')}</span></button></li>`
}

function page(users: DevUser[], orgNames: Map<string, string>, current: string | null, next: string): string {
  const pinned = featured
    .map(([openid, note]) => {
      const u = users.find((x) => x.openid === openid)
      return u ? button(u, orgNames, note) : ''
    })
    .join('')
  const groups = roleOrder
    .map(([role, label]) => {
      // Grouped by organisation so a county's people stand together.
      const members = users.filter((u) => u.role === role).sort((a, b) => (a.orgId ?? '').localeCompare(b.orgId ?? '') || a.openid.localeCompare(b.openid))
      if (!members.length) return ''
      const items = members.map((u) => button(u, orgNames)).join('')
      return `<details><summary>${label}（${members.length}）</summary><ul>${items}</ul></details>`
    })
    .join('')
  const empty = users.length ? '' : '<p class="empty">还没有演示数据。请在项目目录运行 <code>npm run seed</code>（<code>npm start</code> 会自动运行）。</p>'
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>选择演示账号 · 接地气</title>
<style>
body{margin:0;font:17px/1.5 system-ui,-apple-system,"Noto Sans CJK SC","PingFang SC",sans-serif;background:#f6f3ef;color:#222}
header{background:#c8161d;color:#fff;padding:20px 16px}h1{margin:0;font-size:22px}header p{margin:4px 0 0;opacity:.9;font-size:15px}
main{padding:12px 16px 32px;max-width:640px;margin:auto}details{background:#fff;border-radius:12px;margin:12px 0;padding:4px 12px}
summary{font-size:18px;font-weight:600;padding:12px 0;cursor:pointer}ul{list-style:none;margin:0;padding:0}
li button{display:flex;justify-content:space-between;align-items:center;width:100%;min-height:56px;margin:6px 0;padding:8px 12px;border:1px solid #e3ddd6;border-radius:10px;background:#fffdfb;font:inherit;text-align:left;cursor:pointer}
li button:active{background:#fbe9e9}.name small{margin-left:8px;color:#777;font-size:14px}.org{color:#555;font-size:14px;text-align:right}
.resident{display:block;width:100%;min-height:56px;margin-top:16px;border:0;border-radius:12px;background:#c8161d;color:#fff;font:inherit;font-size:18px}
.current{font-size:15px;color:#555}.empty{background:#fff;border-radius:12px;padding:16px}code{background:#eee;padding:1px 4px;border-radius:4px}
.openid{display:block;margin-top:2px;font-size:13px;color:#666;background:none;padding:0}.pinned{background:#fff;border-radius:12px;margin:12px 0;padding:4px 12px}
.pinned h2{font-size:18px;margin:12px 0 4px}#search{box-sizing:border-box;width:100%;min-height:48px;margin:8px 0 0;padding:0 12px;border:1px solid #d8d0c8;border-radius:10px;font:inherit}

</style></head><body>
<header><h1>接地气 · 本地演示</h1><p>选择一个演示账号进入。这个页面只在本地模拟器里有，正式小程序用微信身份。</p></header>
<main>${current ? `<p class="current">当前身份：${esc(current)} · <a href="/__/logout">退出</a></p>` : ''}${empty}
<input id="search" type="search" placeholder="搜索姓名、openid 或单位，例如 chengdong-cadre-1" autocomplete="off" aria-label="搜索演示账号">
<form method="post" action="/__/login"><input type="hidden" name="next" value="${esc(next)}">
${pinned ? `<section class="pinned" data-testid="pinned"><h2>常用演示账号</h2><ul>${pinned}</ul></section>` : ''}${groups}
<button class="resident" type="submit" name="openid" value="__new_resident__" data-openid="__new_resident__">以新群众身份进入</button>
</form></main>
<script>
// Filters every list as one types; the groups holding a match open.
document.getElementById('search').addEventListener('input', function (e) {
  var q = e.target.value.trim().toLowerCase()
  document.querySelectorAll('li[data-search]').forEach(function (li) { li.hidden = q !== '' && li.dataset.search.indexOf(q) < 0 })
  document.querySelectorAll('details').forEach(function (d) { d.open = q !== '' && d.querySelector('li[data-search]:not([hidden])') !== null })
})
</script></body></html>`
}

export function installLogin(server: EmulatorServer): void {
  server.route('GET', '/__/login', (req, res, url) => {
    const users = server.db.find('users', {}, 1000) as unknown as DevUser[]
    const orgs = server.db.find('orgs', {}, 1000) as unknown as { _id: string; name: string }[]
    const html = page(users, new Map(orgs.map((o) => [o._id, o.name])), sessionOpenid(req), safeNext(url.searchParams.get('next')))
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
    res.end(html)
  })

  server.route('POST', '/__/login', async (req, res) => {
    const form = new URLSearchParams((await readBody(req, 64 * 1024)).toString('utf8'))
    let openid = form.get('openid')?.trim() ?? ''
    // A resident is anyone not bound: a fresh random openid each time.
    if (openid === '__new_resident__' || !openid) openid = `o-resident-${randomBytes(6).toString('hex')}`
    if (!isPlausibleOpenid(openid)) {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' })
      res.end('开发身份不像微信 openid（字母、数字、- 或 _，最多 64 位，至少一个字母）')
      return
    }
    res.writeHead(303, {
      location: safeNext(form.get('next')),
      'set-cookie': `${SESSION_COOKIE}=${encodeURIComponent(openid)}; Path=/; HttpOnly; SameSite=Lax`
    })
    res.end()
  })

  server.route('GET', '/__/logout', (_req, res) => {
    res.writeHead(303, { location: '/__/login', 'set-cookie': `${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax` })
    res.end()
  })
}
