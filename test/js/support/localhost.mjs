// Test plumbing, not product: resolve every *.localhost name to 127.0.0.1, as Debian's libnss-myhostname (or an
// /etc/hosts line) does on a user's machine. Loaded with `node --import ./support/localhost.mjs`.
import dns from "node:dns";

const lookup = dns.lookup;
dns.lookup = function (hostname, options, callback) {
  if (typeof hostname === "string" && hostname.toLowerCase().endsWith(".localhost")) {
    hostname = "127.0.0.1";
  }
  return lookup.call(this, hostname, options, callback);
};
