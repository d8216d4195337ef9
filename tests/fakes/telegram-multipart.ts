// multipart/form-data as the Bot API reads it, for the fake. written here because the parsers at
// hand are stricter than Telegram: grammY writes `content-disposition:form-data;name="x";filename=y`
// (no spaces, an unquoted filename), which undici's Response.formData() refuses and Telegram accepts.

/** A file part of a multipart request. */
export interface Upload {
  filename: string;
  contentType: string;
  bytes: Buffer;
}

export interface MultipartBody {
  fields: Record<string, string>;
  files: Record<string, Upload>;
}

const CRLF = Buffer.from('\r\n');
const HEADERS_END = Buffer.from('\r\n\r\n');

/** The boundary of a multipart/form-data content type, or undefined for any other type. */
export function multipartBoundary(contentType: string): string | undefined {
  if (!/^multipart\/form-data\b/i.test(contentType)) return undefined;
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

// `name="x"`, `name=x`, with or without spaces around the separators
function dispositionParam(disposition: string, key: string): string | undefined {
  const match = new RegExp(`;\\s*${key}=(?:"([^"]*)"|([^;\\r\\n]*))`, 'i').exec(disposition);
  const value = match?.[1] ?? match?.[2];
  return value?.trim();
}

/** Splits a body into its fields and files; throws on a body that is not multipart. */
export function parseMultipart(body: Buffer, boundary: string): MultipartBody {
  const delimiter = Buffer.from(`--${boundary}`);
  const result: MultipartBody = { fields: {}, files: {} };
  let at = body.indexOf(delimiter);
  if (at < 0) throw new Error('multipart body without its boundary');
  for (;;) {
    at += delimiter.length;
    if (body.subarray(at, at + 2).toString() === '--') return result;
    if (body.subarray(at, at + 2).equals(CRLF)) at += 2;
    const next = body.indexOf(Buffer.concat([CRLF, delimiter]), at);
    if (next < 0) throw new Error('multipart body ends inside a part');
    const part = body.subarray(at, next);
    const split = part.indexOf(HEADERS_END);
    if (split < 0) throw new Error('multipart part without headers');
    const headers = new Map<string, string>();
    for (const line of part.subarray(0, split).toString('utf8').split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const disposition = headers.get('content-disposition') ?? '';
    const name = dispositionParam(disposition, 'name');
    if (name === undefined) throw new Error('multipart part without a name');
    const content = part.subarray(split + HEADERS_END.length);
    const filename = dispositionParam(disposition, 'filename');
    if (filename === undefined) result.fields[name] = content.toString('utf8');
    else {
      result.files[name] = {
        filename,
        contentType: headers.get('content-type') ?? 'application/octet-stream',
        bytes: Buffer.from(content),
      };
    }
    at = next + CRLF.length;
  }
}
