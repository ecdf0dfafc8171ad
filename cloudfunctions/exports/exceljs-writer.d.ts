/**
 * exceljs's streaming writer on its own: importing the package's entry would also bundle the readers
 * (jszip, unzipper, fast-csv) that an export never uses.
 */
declare module 'exceljs/lib/stream/xlsx/workbook-writer' {
  import type { stream } from 'exceljs'
  const WorkbookWriter: typeof stream.xlsx.WorkbookWriter
  export = WorkbookWriter
}
