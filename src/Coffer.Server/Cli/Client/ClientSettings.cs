namespace Coffer.Server.Cli.Client;

/// <summary>
/// Where a client command goes and how it prints: the server (<c>--server</c>, else <c>COFFER_SERVER</c>, else the
/// server of the saved login, else <c>https://localhost:8443</c>), the output format and query, and Coffer's CA to
/// trust besides the system's roots (<c>COFFER_CA_FILE</c>, else <c>ca.crt</c> in the default data directory when it
/// exists).
/// </summary>
internal sealed record ClientSettings(string Server, OutputFormat Output, OutputQuery? Query, string? CaFile, LoginProfile? Profile)
{
    public const string DefaultServer = "https://localhost:8443";

    public static ClientSettings Resolve(CommandOptions options, ClientEnvironment environment)
    {
        var profile = LoginProfile.Load(environment);
        var server = NormalizeServer(options.Value("--server") ?? environment["COFFER_SERVER"] ?? profile?.Server ?? DefaultServer);
        return new ClientSettings(server, OutputWriter.Parse(options.Value("--output")), OutputQuery.Parse(options.Value("--query")), FindCaFile(environment), profile);
    }

    /// <summary>The server's origin, <c>https://host[:port]</c>: the token scope is <c>{origin}/.default</c>.</summary>
    public static string NormalizeServer(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps ||
            uri.AbsolutePath.Trim('/').Length > 0 || uri.Query.Length > 0)
        {
            throw new UsageException($"The server must be an https URL without a path (https://host:port), not '{text}'.");
        }

        return uri.GetLeftPart(UriPartial.Authority);
    }

    private static string? FindCaFile(ClientEnvironment environment)
    {
        if (environment["COFFER_CA_FILE"] is { } explicitFile)
        {
            return File.Exists(explicitFile) ? explicitFile : throw new CommandFailedException($"COFFER_CA_FILE names {explicitFile}, which does not exist.");
        }

        var local = Path.Combine(environment.DefaultDataDirectory, "ca.crt");
        return File.Exists(local) ? local : null;
    }

    /// <summary>The profile, if it was saved for this server.</summary>
    public LoginProfile? ProfileForServer => Profile is not null && string.Equals(Profile.Server, Server, StringComparison.OrdinalIgnoreCase) ? Profile : null;
}
