// Taro builds use babel-preset-taro; Jest (NODE_ENV=test) compiles TypeScript and JSX for Node/jsdom.
module.exports = (api) => {
  const isTest = api.env('test')
  if (isTest) {
    return {
      presets: [['@babel/preset-env', { targets: { node: 'current' } }], ['@babel/preset-react', { runtime: 'automatic' }], '@babel/preset-typescript']
    }
  }
  return {
    presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]]
  }
}
