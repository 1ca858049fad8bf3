// Reads Lumbung's schema the way Saleor's storefront toolchain does, with graphql-js 16.
//
//   node read_schema.mjs query            prints graphql-js's default introspection query
//   node read_schema.mjs check < input    input: {"introspection": {...}, "sdl": "..."}
//
// "check" builds the client schema from the introspection result, prints it, parses and
// builds the print again, builds the committed SDL, and prints a JSON report.
import { createRequire } from "node:module";

const require = createRequire(process.env.NPM_NODE_MODULES + "/");
const graphql = require("graphql");

function attempt(step) {
  try {
    return { ok: true, value: step() };
  } catch (error) {
    return { ok: false, error: String(error && error.message ? error.message : error) };
  }
}

function report(input) {
  const report = { version: graphql.version };
  const client = attempt(() => graphql.buildClientSchema(input.introspection));
  report.buildClientSchema = client.ok ? "ok" : client.error;
  if (client.ok) {
    const schema = client.value;
    const printed = graphql.printSchema(schema);
    const reparsed = attempt(() => graphql.buildSchema(printed));
    report.printParses = reparsed.ok ? "ok" : reparsed.error;
    report.validationErrors = graphql.validateSchema(schema).map((error) => error.message);
    report.scalars = Object.values(schema.getTypeMap())
      .filter((type) => graphql.isScalarType(type) && !type.name.startsWith("__"))
      .map((type) => type.name)
      .sort();
    report.deprecatedLocations = schema.getDirective("deprecated")?.locations ?? null;
    const field = schema.getMutationType()?.getFields().checkoutLinesAdd;
    report.checkoutLinesAddArgs = field
      ? field.args.map((arg) => ({ name: arg.name, description: arg.description ?? "" }))
      : null;
  }
  const committed = attempt(() => graphql.buildSchema(input.sdl));
  report.committedSdlBuilds = committed.ok ? "ok" : committed.error;
  return report;
}

if (process.argv[2] === "query") {
  process.stdout.write(graphql.getIntrospectionQuery());
} else {
  const chunks = [];
  process.stdin.on("data", (chunk) => chunks.push(chunk));
  process.stdin.on("end", () => {
    process.stdout.write(JSON.stringify(report(JSON.parse(Buffer.concat(chunks).toString()))));
  });
}
