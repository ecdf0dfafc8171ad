/**
 * The size budget and the offline 代码质量 checks of `npm run build:weapp` (scripts/weapp-size.ts,
 * scripts/weapp-quality.ts), on a small mini-program laid out as Taro builds one.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { checkQuality } from '@/scripts/weapp-quality'
import { limits, measure, zodInMain } from '@/scripts/weapp-size'

const root = path.resolve(__dirname, '../..')

function write(dir: string, file: string, content: string | Buffer): void {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
  writeFileSync(path.join(dir, file), content)
}

/** A main package with the home page and a `cadre` and `manager` subpackage, every file referred to. */
function fixture(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'jdq-weapp-'))
  write(
    dir,
    'app.json',
    JSON.stringify({
      pages: ['pages/index/index'],
      subPackages: [
        { root: 'cadre', pages: ['pages/visits/index'] },
        { root: 'manager', pages: ['pages/index/index'] }
      ],
      lazyCodeLoading: 'requiredComponents',
      preloadRule: { 'pages/index/index': { network: 'all', packages: ['cadre', 'manager'] } }
    })
  )
  write(dir, 'project.config.json', JSON.stringify({ setting: { minified: true, minifyWXML: true, minifyWXSS: true } }))
  write(dir, 'app.js', 'require("./common"),require("./vendors");App({})')
  write(dir, 'app.wxss', '@import "./common.wxss";')
  write(dir, 'common.js', 'module.exports={}')
  write(dir, 'common.wxss', '.a{background:url("./assets/logo.png")}')
  write(dir, 'assets/logo.png', Buffer.alloc(1024))
  write(dir, 'vendors.js', 'module.exports={}')
  write(dir, 'base.wxml', '<wxs module="xs" src="./utils.wxs" /><template name="t"></template>')
  write(dir, 'utils.wxs', 'module.exports={}')
  write(dir, 'comp.js', 'Component({})')
  write(dir, 'comp.json', '{"component":true}')
  write(dir, 'comp.wxml', '<import src="./base.wxml" />')
  for (const page of ['pages/index/index', 'cadre/pages/visits/index', 'manager/pages/index/index']) {
    const up = '../'.repeat(page.split('/').length - 1)
    write(dir, `${page}.js`, `require("${up}common");Page({})`)
    write(dir, `${page}.json`, JSON.stringify({ usingComponents: { comp: `${up}comp` } }))
    write(dir, `${page}.wxml`, `<import src="${up}base.wxml"/>`)
  }
  return dir
}

describe('the weapp size budget and 代码质量 checks', () => {
  let dir: string
  beforeEach(() => (dir = fixture()))
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('a well-formed build passes', () => {
    expect(checkQuality(dir).problems).toEqual([])
    expect(zodInMain(dir)).toEqual([])
    expect(measure(dir).map((p) => p.name)).toEqual(['main', 'sub cadre', 'sub manager'])
  })

  it('flags a file nothing refers to, and a main-package script only subpackages use', () => {
    write(dir, 'app.js.LICENSE.txt', 'licence')
    write(dir, 'only-for-cadre.js', 'module.exports={}')
    write(dir, 'cadre/pages/visits/index.js', 'require("../../../only-for-cadre");require("../../../common");Page({})')
    expect(checkQuality(dir).problems).toEqual(['无使用的文件: nothing refers to app.js.LICENSE.txt', '主包存在仅被其他分包依赖的JS: only-for-cadre.js'])
  })

  it('flags an image over 200 KB, a missing lazyCodeLoading or preload, and minification turned off', () => {
    write(dir, 'assets/logo.png', Buffer.alloc(201 * 1024))
    write(
      dir,
      'app.json',
      JSON.stringify({
        pages: ['pages/index/index'],
        subPackages: [
          { root: 'cadre', pages: ['pages/visits/index'] },
          { root: 'manager', pages: ['pages/index/index'] }
        ]
      })
    )
    write(dir, 'project.config.json', JSON.stringify({ setting: { minified: true } }))
    expect(checkQuality(dir).problems).toEqual([
      '代码压缩: project.config.json setting minifyWXML, minifyWXSS must be true',
      '组件按需注入: app.json must set lazyCodeLoading: "requiredComponents"',
      '分包预下载: pages/index/index does not preload cadre, manager (app.json preloadRule)',
      '图片和音频资源: assets/logo.png is 201 KB (over 200 KB: serve it from cloud storage or a CDN)'
    ])
  })

  it('finds zod in a main-package script', () => {
    write(dir, 'vendors.js', 'var a={_zod:{def:{}}};module.exports=a')
    expect(zodInMain(dir)).toEqual(['vendors.js'])
  })

  it('the size script passes a build within budget and fails one over 450 KB', () => {
    const run = () => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/weapp-size.ts', dir], { cwd: root, encoding: 'utf8' })
    const ok = run()
    expect(ok.status).toBe(0)
    expect(limits.main).toBe(450 * 1024)
    write(dir, 'vendors.js', `module.exports=${JSON.stringify('x'.repeat(451 * 1024))}`)
    const over = run()
    expect(over.status).toBe(1)
    expect(over.stderr).toMatch(/over budget: main 45\d\.\d KB > 450\.0 KB/)
  })
})
