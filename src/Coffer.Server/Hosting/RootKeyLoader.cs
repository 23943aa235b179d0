using Coffer.Core.KeyRing;

namespace Coffer.Server.Hosting;

/// <summary>
/// Finds the root key: <c>COFFER_ROOT_KEY</c> (base64 of 32 bytes) first, else a key file, created on first start.
/// A key file inside the data directory protects nothing against someone who copies the directory, so Coffer says so.
/// </summary>
internal static class RootKeyLoader
{
    public const string EnvironmentVariable = "COFFER_ROOT_KEY";

    public static RootKey Load(ServeOptions options, ILogger logger)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(fromEnvironment.Trim());
            }
            catch (FormatException)
            {
                throw new InvalidOperationException($"{EnvironmentVariable} must be the base64 of 32 random bytes (for example: openssl rand -base64 32).");
            }

            return new RootKey(bytes, "environment");
        }

        var path = Path.GetFullPath(options.RootKeyFile ?? Path.Combine(options.DataDirectory, "root.key"));
        if (!File.Exists(path))
        {
            FileSystem.WritePrivateFile(path, Convert.ToBase64String(RootKey.Generate()) + "\n");
            Log.RootKeyCreated(logger, path);
        }

        var key = new RootKey(Convert.FromBase64String(File.ReadAllText(path).Trim()), "file");
        var dataDirectory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.DataDirectory)) + Path.DirectorySeparatorChar;
        if (path.StartsWith(dataDirectory, StringComparison.Ordinal))
        {
            Log.RootKeyNextToData(logger, path, EnvironmentVariable);
        }

        return key;
    }
}
