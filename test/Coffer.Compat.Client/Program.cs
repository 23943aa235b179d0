// Reads one secret with the unmodified Azure SDK and prints its value:
//   Coffer.Compat.Client VAULT_URL SECRET_NAME default|managed[:CLIENT_ID]
// "default" is DefaultAzureCredential, "managed" ManagedIdentityCredential (system-assigned, or the user-assigned
// identity CLIENT_ID), both configured only by this process's environment, as in a user's application.
// Test plumbing only: every host connects to 127.0.0.1 (for *.localhost) and only the CA in COFFER_TEST_CA is trusted.
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;

if (args.Length != 3)
{
    await Console.Error.WriteLineAsync("usage: Coffer.Compat.Client VAULT_URL SECRET_NAME default|managed[:CLIENT_ID]");
    return 2;
}

TokenCredential credential = args[2] switch
{
    "default" => new DefaultAzureCredential(),
    "managed" => new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned),
    var kind when kind.StartsWith("managed:", StringComparison.Ordinal) => new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(kind["managed:".Length..])),
    _ => throw new ArgumentException("Unknown credential kind: " + args[2]),
};

using var ca = X509CertificateLoader.LoadCertificateFromFile(Environment.GetEnvironmentVariable("COFFER_TEST_CA") ?? throw new InvalidOperationException("COFFER_TEST_CA is not set."));
using var handler = new SocketsHttpHandler
{
    ConnectCallback = async (context, cancellationToken) =>
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(IPAddress.Loopback, context.DnsEndPoint.Port, cancellationToken);
        return new NetworkStream(socket, ownsSocket: true);
    },
    SslOptions =
    {
        RemoteCertificateValidationCallback = (_, certificate, _, _) =>
        {
            if (certificate is null)
            {
                return false;
            }

            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            using var leaf = new X509Certificate2(certificate);
            return chain.Build(leaf);
        },
    },
};

var options = new SecretClientOptions { Transport = new HttpClientTransport(handler) };
options.Retry.MaxRetries = 0;
var client = new SecretClient(new Uri(args[0]), credential, options);
try
{
    KeyVaultSecret secret = await client.GetSecretAsync(args[1]);
    Console.WriteLine(secret.Value);
    return 0;
}
catch (Exception e) when (e is AuthenticationFailedException or Azure.RequestFailedException)
{
    await Console.Error.WriteLineAsync(e.ToString());
    return 1;
}
