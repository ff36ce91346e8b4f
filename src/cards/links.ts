/** Microsoft's public error-code lookup. Only numeric AADSTS codes have a page. */
export function errorLookupUrl(code: string): string | undefined {
  const m = /^(?:AADSTS)?(\d{4,7})$/i.exec(code.trim());
  return m ? `https://login.microsoftonline.com/error?code=${m[1]}` : undefined;
}

export const MY_SECURITY_INFO_URL = 'https://aka.ms/mysecurityinfo';
