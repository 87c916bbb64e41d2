import QRCode from 'qrcode';

/** A QR code as inline SVG (crisp at any size; error correction M as on the paper ticket). */
export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 1, color: { dark: '#000000', light: '#ffffff' } });
}
