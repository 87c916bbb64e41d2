/**
 * One sheet of a report workbook in the house style: a bold title row, a header row (wrapped,
 * shaded, filterable), frozen panes on the first two columns, number formats by column kind, and
 * A4 landscape printing with the title and headers on every page. Shared by the attendance
 * (考勤报表) and evaluation (月通报) workbooks.
 */
import ExcelJS from 'exceljs';

export type Kind = 'text' | 'int' | 'minutes' | 'days' | 'rate' | 'date' | 'score' | 'datetime';
export interface Column<R> {
  header: string;
  width: number;
  kind: Kind;
  value: (r: R) => string | number | Date | null;
  /** Long text: wrapped within the column's width (the row grows). */
  wrap?: boolean;
}
const formats: Record<Kind, string | undefined> = { text: undefined, int: '0', minutes: '0.##', days: '0.##', rate: '0.00%', date: 'yyyy-mm-dd', score: '0.##', datetime: 'yyyy-mm-dd hh:mm' };

/** A calendar date as the spreadsheet's date (its serial number is the day, whatever the zone). */
export const asDate = (ymd: string): Date => {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
};

export interface SheetOptions {
  /** Print one page wide (a short report's sheets), instead of at full size across pages. */
  fitToWidth?: boolean;
}

export function sheet<R>(book: ExcelJS.Workbook, name: string, title: string, columns: Column<R>[], rows: readonly R[], options: SheetOptions = {}): ExcelJS.Worksheet {
  const ws = book.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 2, ySplit: 2 }] });
  // Wide enough for the header on one line up to 16 (a Chinese character is two widths); longer ones wrap.
  const headerWidth = (h: string) => [...h].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0) + 2;
  ws.columns = columns.map((c) => ({
    width: Math.max(c.width, Math.min(16, headerWidth(c.header))),
    ...(formats[c.kind] || c.wrap ? { style: { ...(formats[c.kind] ? { numFmt: formats[c.kind]! } : {}), ...(c.wrap ? { alignment: { wrapText: true, vertical: 'top' as const } } : {}) } } : {}),
  }));
  const titleRow = ws.addRow([title]);
  titleRow.font = { bold: true, size: 13 };
  ws.mergeCells(1, 1, 1, Math.min(columns.length, 8));
  const head = ws.addRow(columns.map((c) => c.header));
  head.font = { bold: true };
  head.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  head.height = 32;
  head.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  for (const r of rows) ws.addRow(columns.map((c) => c.value(r)));
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: columns.length } };
  // Printed on A4 landscape at full size, the title, headers and first two columns on every page:
  // a month's 30-odd columns squeezed onto one page width would be unreadable.
  ws.pageSetup = {
    orientation: 'landscape', paperSize: 9, printTitlesRow: '1:2', printTitlesColumn: 'A:B', margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    ...(options.fitToWidth ? { fitToPage: true, fitToWidth: 1, fitToHeight: 0 } : {}),
  };
  return ws;
}
