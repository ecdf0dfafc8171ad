/**
 * Taro's Stencil <textarea>/<input> in jsdom log "Cannot read properties of undefined (reading 'value')" when
 * their value changes before their inner element exists (no layout in jsdom). Only that message is hidden.
 */
const original = console.error
beforeAll(() => {
  jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    const first = args[0]
    const text = first instanceof Error ? first.message : String(first)
    if (text.includes("reading 'value'") || text.includes('Unsupported style property')) return
    original(...(args as []))
  })
})
afterAll(() => {
  ;(console.error as jest.Mock).mockRestore?.()
})
