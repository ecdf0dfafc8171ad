import protobuf from 'protobufjs'

/**
 * The messages wx-server-sdk exchanges with the openapi gateway (field numbers from the SDK's own
 * bundled src/protobuf/openapi.js).
 */
const root = protobuf.Root.fromJSON({
  nested: {
    KeyValuePair: { fields: { key: { type: 'string', id: 1 }, value: { type: 'bytes', id: 2 } } },
    OpenApiData: { fields: { pairs: { rule: 'repeated', type: 'KeyValuePair', id: 1 } } },
    CommApiData: {
      fields: {
        apiType: { type: 'int32', id: 1 },
        openapiData: { type: 'OpenApiData', id: 2 },
        appid: { type: 'string', id: 6 }
      }
    },
    CommOpenApiResp: {
      fields: {
        respData: { type: 'bytes', id: 1 },
        contentType: { type: 'string', id: 2 },
        errorCode: { type: 'int32', id: 3 },
        httpCode: { type: 'uint32', id: 4 }
      }
    }
  }
})

const CommApiData = root.lookupType('CommApiData')
const CommOpenApiResp = root.lookupType('CommOpenApiResp')

/** The call's parameters, each JSON-decoded (they arrive already snake_case). */
export function decodeRequest(bytes: Uint8Array): { params: Record<string, unknown>; appid: string } {
  const msg = CommApiData.toObject(CommApiData.decode(bytes), { defaults: true }) as {
    openapiData?: { pairs?: { key: string; value: Uint8Array }[] }
    appid?: string
  }
  const params: Record<string, unknown> = {}
  for (const { key, value } of msg.openapiData?.pairs ?? []) {
    const text = Buffer.from(value).toString('utf8')
    try {
      params[key] = JSON.parse(text)
    } catch {
      params[key] = text
    }
  }
  return { params, appid: msg.appid ?? '' }
}

export function encodeResponse(body: Buffer, contentType: string, errorCode = 0): Buffer {
  return Buffer.from(CommOpenApiResp.encode(CommOpenApiResp.create({ respData: body, contentType, errorCode, httpCode: 200 })).finish())
}
