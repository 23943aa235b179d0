namespace Coffer.Server.Cli;

/// <summary>Usage text to print: exit 0 when asked for (<c>--help</c>), 2 when the command was incomplete.</summary>
internal sealed class HelpRequestedException(string usage, bool incomplete) : Exception(usage)
{
    public bool Incomplete { get; } = incomplete;
}
