import { privacyViolations, type PrivacyIndex } from '../helpers/harness'

/** The privacy walk itself (test/helpers/harness.ts), on the shapes the fuzz feeds it. */
describe('privacy walk of the test harness', () => {
  const index: PrivacyIndex = {
    phones: new Map([['13800001111', [{ collection: 'contacts', id: 'c1', ownerId: 'u-other' }]]]),
    openids: new Map(),
    users: new Map([
      ['u-me', { _id: 'u-me', openid: 'o-me', role: 'cadre', orgId: 'org-a', orgPath: ['org-a'] }],
      ['u-other', { _id: 'u-other', openid: 'o-other', role: 'cadre', orgId: 'org-a', orgPath: ['org-a'] }]
    ])
  }
  let deep: unknown = 'x'
  for (let i = 0; i < 20000; i++) deep = [deep]

  it('walks a request nested far deeper than the fuzz makes, and still finds a phone in clear in the reply', () => {
    const found = privacyViolations(
      {
        key: 'points.overview',
        openid: 'o-me',
        request: { action: 'overview', cadreId: deep },
        reply: { ok: true, data: { contacts: [{ phone: '13800001111' }] } }
      },
      index,
      ['contacts']
    )
    expect(found).toEqual(['points.overview as o-me: phone 13800001111 in clear (held by contacts/c1)'])
  })

  it('lets a phone the caller sent come back', () => {
    const found = privacyViolations(
      { key: 'points.addContact', openid: 'o-me', request: { phone: '13800001111' }, reply: { ok: true, data: { phone: '13800001111' } } },
      index
    )
    expect(found).toEqual([])
  })
})
