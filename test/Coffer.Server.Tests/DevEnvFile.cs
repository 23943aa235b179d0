namespace Coffer.Server.Tests;

/// <summary>Reads the <c>export NAME=value</c> lines that <c>coffer serve --dev</c> prints and keeps in <c>dev.env</c>.</summary>
internal static class DevEnvFile
{
    public static readonly string[] Variables =
        ["VAULT_URL", "IDENTITY_ENDPOINT", "IDENTITY_HEADER", "SSL_CERT_FILE", "REQUESTS_CA_BUNDLE", "NODE_EXTRA_CA_CERTS"];

    public static Dictionary<string, string> Parse(string text)
    {
        var exports = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.TrimEnd('\r');
            if (!trimmed.StartsWith("export ", StringComparison.Ordinal))
            {
                continue;
            }

            var assignment = trimmed["export ".Length..];
            var equals = assignment.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                exports[assignment[..equals]] = assignment[(equals + 1)..];
            }
        }

        return exports;
    }
}
