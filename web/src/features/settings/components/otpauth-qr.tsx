import { useEffect, useState } from 'react';

/**
 * The authenticator app's key as a QR code to scan (the otpauth:// URL, RFC 6238's key URI). The QR
 * library loads only when someone sets up two-factor sign-in; the SVG is shown as an image, never as
 * markup in the page.
 */
export function OtpauthQr({ url }: { url: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void import('qrcode')
      .then((qr) => qr.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }))
      .then((svg) => {
        if (live) setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [url]);
  return src ? (
    <img
      className="two-factor-qr"
      src={src}
      width={176}
      height={176}
      alt="QR code of the key for your authenticator app"
      data-testid="totp-qr"
    />
  ) : (
    <span className="two-factor-qr skeleton" aria-hidden="true" />
  );
}
