using System.Globalization;

namespace Coffer.Server.Cli;

/// <summary>A small, strict reader of <c>--name value</c>, <c>--name=value</c> and <c>--flag</c>: unknown options are errors.</summary>
internal sealed class Arguments
{
    private static readonly System.Buffers.SearchValues<char> OptionNameCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-");
    private readonly Queue<string> _rest = new();

    public Arguments(IEnumerable<string> args)
    {
        foreach (var arg in args)
        {
            var split = arg.StartsWith("--", StringComparison.Ordinal) ? arg.IndexOf('=', StringComparison.Ordinal) : -1;
            // Only an option's name splits: a PEM value ("-----BEGIN … ==") starts with dashes and holds '=' too.
            if (split > 2 && arg.AsSpan(2, split - 2).IndexOfAnyExcept(OptionNameCharacters) < 0)
            {
                _rest.Enqueue(arg[..split]);
                _rest.Enqueue(arg[(split + 1)..]);
            }
            else
            {
                _rest.Enqueue(arg);
            }
        }
    }

    public bool TryNext(out string option) => _rest.TryDequeue(out option!);

    public bool TryPeek(out string next) => _rest.TryPeek(out next!);

    public string Value(string option) =>
        _rest.TryDequeue(out var value) ? value : throw new UsageException($"The option {option} needs a value.");

    public int Port(string option)
    {
        var text = Value(option);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 0 and <= 65535
            ? port
            : throw new UsageException($"The option {option} needs a port number (0-65535), not '{text}'.");
    }
}
