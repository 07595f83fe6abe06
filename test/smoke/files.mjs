// Reading real files through segmentkit/fs on every runtime: a whole CSV (readCsv) and a streamed,
// whitespace-aligned log through rfmTable (readCsvBatches). Paths are relative to the repository root.
export async function checkFiles(runtime, sk, fs) {
  const mall = await fs.readCsv('test/data/mall_customers/Mall_Customers.csv');
  if (mall.length !== 200 || mall[0]['Annual Income (k$)'] !== 15) throw new Error(`${runtime}: readCsv read the Mall file wrongly`);
  const table = await sk.rfmTable(fs.readCsvBatches('test/data/cdnow/CDNOW_master.txt'), {
    customerId: 'customer_id',
    date: 'date',
    dateFormat: 'YYYYMMDD',
    amount: 'dollar_value',
  });
  const first = table[0];
  if (table.length !== 23570 || first.customerId !== '00001' || first.frequency !== 1 || first.monetary !== 11.77) {
    throw new Error(`${runtime}: readCsvBatches → rfmTable read CDNOW wrongly`);
  }
  return `${runtime}: segmentkit/fs reads files (readCsv, readCsvBatches → rfmTable)`;
}
