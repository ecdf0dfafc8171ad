/**
 * The demo's geography: Qinghai's prefectures and counties, and the liaison points at real places in them (GCJ-02,
 * approximate to a few hundred metres; village codes in the statistics bureau's format, demo values).
 */
import type { FourInto } from '@/types/enums'

export interface Place {
  name: string
  kind: FourInto
  address: string
  lat: number
  lng: number
  /** The village or community it is in: a 12-digit division code in the statistics bureau's format (demo values). */
  code: string
  place: string
  town: string
}

export interface CountySeed {
  key: string
  name: string
  /** The county's 6-digit administrative division code. */
  code: string
  places: Place[]
}

export interface PrefectureSeed {
  key: string
  name: string
  code: string
  counties: CountySeed[]
}

// Seed data: one place per line.
// prettier-ignore
export const prefectures: PrefectureSeed[] = [
  {
    key: 'xining',
    code: '6301',
    name: '西宁市',
    counties: [
      {
        key: 'chengdong',
        code: '630102',
        name: '城东区',
        places: [
          { name: '东关大街社区', kind: 'village', address: '西宁市城东区东关大街', lat: 36.6105, lng: 101.7921, code: '630102001001', place: '东关大街社区', town: '东关大街街道' },
          { name: '青海大学附属中学', kind: 'school', address: '西宁市城东区八一路', lat: 36.6208, lng: 101.8169, code: '630102007002', place: '八一路社区', town: '八一路街道' },
          { name: '城东区工业园', kind: 'enterprise', address: '西宁市城东区昆仑东路', lat: 36.6142, lng: 101.8402, code: '630102008003', place: '昆仑东路社区', town: '火车站街道' }
        ]
      },
      {
        key: 'chengzhong',
        code: '630103',
        name: '城中区',
        places: [
          { name: '南山路社区', kind: 'village', address: '西宁市城中区南山路', lat: 36.6032, lng: 101.7781, code: '630103002001', place: '南山路社区', town: '南山路街道' },
          { name: '西宁市第一中学', kind: 'school', address: '西宁市城中区北大街', lat: 36.6239, lng: 101.7788, code: '630103005002', place: '北大街社区', town: '仓门街街道' },
          { name: '总寨镇清水河村', kind: 'poorHousehold', address: '西宁市城中区总寨镇', lat: 36.5541, lng: 101.7604, code: '630103100005', place: '清水河村', town: '总寨镇' }
        ]
      },
      {
        key: 'huangzhong',
        code: '630106',
        name: '湟中区',
        places: [
          { name: '鲁沙尔镇塔尔寺社区', kind: 'village', address: '西宁市湟中区鲁沙尔镇', lat: 36.4905, lng: 101.5725, code: '630106100001', place: '塔尔寺社区', town: '鲁沙尔镇' },
          { name: '湟中区多巴镇扎麻隆村', kind: 'poorHousehold', address: '西宁市湟中区多巴镇', lat: 36.6471, lng: 101.5403, code: '630106101005', place: '扎麻隆村', town: '多巴镇' },
          { name: '湟中区加牙藏毯厂', kind: 'enterprise', address: '西宁市湟中区鲁沙尔镇加牙村', lat: 36.4998, lng: 101.5588, code: '630106100010', place: '加牙村', town: '鲁沙尔镇' }
        ]
      }
    ]
  },
  {
    key: 'haidong',
    code: '6302',
    name: '海东市',
    counties: [
      {
        key: 'ledu',
        code: '630202',
        name: '乐都区',
        places: [
          { name: '碾伯镇七里店村', kind: 'village', address: '海东市乐都区碾伯镇', lat: 36.4826, lng: 102.4153, code: '630202100003', place: '七里店村', town: '碾伯镇' },
          { name: '乐都区第一中学', kind: 'school', address: '海东市乐都区古城大街', lat: 36.4859, lng: 102.4013, code: '630202100101', place: '古城社区', town: '碾伯镇' }
        ]
      },
      {
        key: 'pingan',
        code: '630203',
        name: '平安区',
        places: [
          { name: '平安镇东村', kind: 'poorHousehold', address: '海东市平安区平安镇', lat: 36.5021, lng: 102.1092, code: '630203100001', place: '东村', town: '平安镇' },
          { name: '平安区富硒产业园', kind: 'enterprise', address: '海东市平安区平西经济区', lat: 36.4957, lng: 102.0828, code: '630203001003', place: '平西社区', town: '平安镇' }
        ]
      },
      {
        key: 'huzhu',
        code: '630223',
        name: '互助县',
        places: [
          { name: '威远镇小庄村', kind: 'village', address: '海东市互助县威远镇', lat: 36.8468, lng: 101.9491, code: '630223100004', place: '小庄村', town: '威远镇' },
          { name: '互助县第一中学', kind: 'school', address: '海东市互助县威远镇', lat: 36.8382, lng: 101.9603, code: '630223100101', place: '城关社区', town: '威远镇' }
        ]
      }
    ]
  },
  {
    key: 'haibei',
    code: '6322',
    name: '海北州',
    counties: [
      {
        key: 'haiyan',
        code: '632223',
        name: '海晏县',
        places: [
          { name: '西海镇社区', kind: 'village', address: '海北州海晏县西海镇', lat: 36.9003, lng: 100.9942, code: '632223100001', place: '西海镇社区', town: '西海镇' },
          { name: '金滩乡牧民定居点', kind: 'poorHousehold', address: '海北州海晏县金滩乡', lat: 36.9765, lng: 100.8671, code: '632223200002', place: '金滩村', town: '金滩乡' }
        ]
      },
      {
        key: 'menyuan',
        code: '632221',
        name: '门源县',
        places: [
          { name: '浩门镇城关社区', kind: 'village', address: '海北州门源县浩门镇', lat: 37.3772, lng: 101.6208, code: '632221100001', place: '城关社区', town: '浩门镇' },
          { name: '门源县青石嘴镇中心学校', kind: 'school', address: '海北州门源县青石嘴镇', lat: 37.4479, lng: 101.4235, code: '632221101003', place: '青石嘴村', town: '青石嘴镇' }
        ]
      }
    ]
  }
]
