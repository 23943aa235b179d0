namespace Coffer.Server.Cli.Client;

/// <summary>A client command that could not be done (the server refused, or could not be reached): exit code 1.</summary>
internal sealed class CommandFailedException(string message, Exception? inner = null) : Exception(message, inner);
