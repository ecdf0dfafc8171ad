import type { PropsWithChildren } from 'react'
import { useDidShow, useLaunch } from '@tarojs/taro'
import { initCloud } from './services/cloud'
import { startAutoFlush } from './services/checkin-queue'
import './app.scss'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    initCloud()
  })
  // Each time the app comes to the front: send check-ins kept on the phone (and listen for the network).
  useDidShow(() => {
    startAutoFlush()
  })
  return children
}

export default App
