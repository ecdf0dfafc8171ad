import type { PropsWithChildren } from 'react'
import { useDidShow, useLaunch } from '@tarojs/taro'
import { initCloud } from './services/cloud'
import { startAutoFlush } from './services/outbox'
import './app.scss'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    initCloud()
  })
  // Each time the app comes to the front: send what was kept on the phone without signal (and listen for the network).
  useDidShow(() => {
    startAutoFlush()
  })
  return children
}

export default App
