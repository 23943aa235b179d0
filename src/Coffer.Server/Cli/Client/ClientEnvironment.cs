namespace Coffer.Server.Cli.Client;

/// <summary>The process environment, behind a seam so tests can hand the client commands their own variables.</summary>
internal sealed class ClientEnvironment(Func<string, string?> read)
{
    public static ClientEnvironment Process { get; } = new(Environment.GetEnvironmentVariable);

    public string? this[string name] => read(name) is { Length: > 0 } value ? value : null;

    /// <summary><c>$XDG_CONFIG_HOME/coffer</c>, else <c>~/.config/coffer</c>: where <c>coffer login</c> keeps its profile.</summary>
    public string ConfigDirectory =>
        Path.Combine(this["XDG_CONFIG_HOME"] ?? Path.Combine(this["HOME"] ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config"), "coffer");

    /// <summary>The data directory <c>coffer serve</c> uses by default (same rule as <c>ServeOptions.DefaultDataDirectory</c>).</summary>
    public string DefaultDataDirectory =>
        Path.Combine(this["XDG_DATA_HOME"] ?? Path.Combine(this["HOME"] ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share"), "coffer");
}
