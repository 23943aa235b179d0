namespace Coffer.Server.Cli;

/// <summary>A command line that cannot be run; the message tells the user what to change.</summary>
internal sealed class UsageException(string message) : Exception(message);
