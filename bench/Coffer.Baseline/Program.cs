using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;

// The ceiling for bench/load/run.sh: the least an ASP.NET Core HTTPS endpoint can do, on the same TLS setup as
// Coffer (ECDSA P-256 certificate, HTTP/1.1 and HTTP/2, loopback), answering every GET with a fixed JSON body of
// the size given. Usage: coffer-baseline PORT BODY_BYTES
if (args.Length != 2 || !int.TryParse(args[0], out var port) || !int.TryParse(args[1], out var size) || size < 2)
{
    Console.Error.WriteLine("usage: Coffer.Baseline PORT BODY_BYTES");
    return 2;
}

using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
var names = new SubjectAlternativeNameBuilder();
names.AddDnsName("localhost");
names.AddIpAddress(IPAddress.Loopback);
request.CertificateExtensions.Add(names.Build());
using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));

// A JSON object of exactly `size` bytes: {"value":"xxxx…"}.
var padding = Math.Max(0, size - "{\"value\":\"\"}".Length);
var body = System.Text.Encoding.UTF8.GetBytes("{\"value\":\"" + new string('x', padding) + "\"}");

// No configuration reload, as in Coffer: otherwise a file watcher on the working directory would wake on every write
// beneath it, a benchmark's data directory included.
var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen =>
{
    listen.Protocols = HttpProtocols.Http1AndHttp2;
    listen.UseHttps(certificate);
}));
var app = builder.Build();
app.Run(async context =>
{
    context.Response.ContentType = "application/json; charset=utf-8";
    context.Response.ContentLength = body.Length;
    await context.Response.Body.WriteAsync(body);
});
await app.RunAsync();
return 0;
