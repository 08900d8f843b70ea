import type { Column } from './DataTable';

/**
 * Downloads rows as CSV with the table's columns. papaparse quotes what needs quoting and escapes cells that a
 * spreadsheet would run as formulas; it is loaded only when an admin exports.
 */
export async function downloadCsv<R>(filename: string, columns: Array<Column<R>>, rows: R[]): Promise<string> {
  const { default: Papa } = await import('papaparse');
  const csv = Papa.unparse(
    {
      fields: columns.map((c) => c.label),
      data: rows.map((row) => columns.map((c) => c.value(row))),
    },
    { escapeFormulae: true },
  );
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
  return csv;
}
