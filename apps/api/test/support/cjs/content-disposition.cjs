// content-disposition 3 is ESM-only and @fastify/static reaches it through require(), which Node 20.19 can do
// and Jest cannot. Its `create` is the default export of the CJS 1.x line, same arguments and output.
const contentDisposition = require('content-disposition-cjs');
module.exports = { create: contentDisposition, parse: contentDisposition.parse };
