namespace Coffer.Server.Cli.Client;

/// <summary>
/// The options of one client command, read strictly: each option is declared with its aliases (<c>"--name|-n"</c>)
/// as taking a value, a list of values (<c>--ids a b c</c>, up to the next option), nothing, or an optional
/// <c>true|false</c> (az's three-state flags: <c>--disabled</c>, <c>--disabled true</c>). <c>--server</c>,
/// <c>--output|-o</c> and <c>--query</c> are accepted by every client command. Unknown options and missing values are
/// usage errors.
/// </summary>
internal sealed class CommandOptions
{
    private static readonly string[] Global = ["--server", "--output|-o", "--query"];
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);

    private CommandOptions(string command) => Command = command;

    /// <summary>The command as the user typed it (<c>coffer identity create</c>), for messages.</summary>
    public string Command { get; }

    public static CommandOptions Parse(IEnumerable<string> args, string command, string[] values, string[]? lists = null, string[]? flags = null, string[]? booleans = null)
    {
        var canonical = new Dictionary<string, (string Name, char Kind)>(StringComparer.Ordinal);
        void Declare(IEnumerable<string> names, char kind)
        {
            foreach (var spec in names)
            {
                var aliases = spec.Split('|');
                foreach (var alias in aliases)
                {
                    canonical[alias] = (aliases[0], kind);
                }
            }
        }

        Declare(Global, 'v');
        Declare(values, 'v');
        Declare(lists ?? [], 'l');
        Declare(flags ?? [], 'f');
        Declare(booleans ?? [], 'b');

        var result = new CommandOptions(command);
        var queue = new Arguments(args);
        while (queue.TryNext(out var option))
        {
            if (!canonical.TryGetValue(option, out var known))
            {
                throw new UsageException(option.StartsWith('-')
                    ? $"Unknown option '{option}' for '{command}'."
                    : $"Unexpected argument '{option}' for '{command}'.");
            }

            if (!result._values.TryGetValue(known.Name, out var list))
            {
                result._values[known.Name] = list = [];
            }
            else if (known.Kind != 'l')
            {
                throw new UsageException($"{known.Name} is given twice.");
            }

            switch (known.Kind)
            {
                case 'v':
                    list.Add(queue.Value(option));
                    break;
                case 'l':
                    while (queue.TryPeek(out var next) && !IsOption(next))
                    {
                        queue.TryNext(out _);
                        list.Add(next);
                    }

                    if (list.Count == 0)
                    {
                        throw new UsageException($"The option {option} needs at least one value.");
                    }

                    break;
                case 'b':
                    var given = queue.TryPeek(out var word) ? ParseBoolean(word) : null;
                    if (given is not null)
                    {
                        queue.TryNext(out _);
                    }

                    list.Add(given == false ? "false" : "true");
                    break;
                default:
                    list.Add("true");
                    break;
            }
        }

        return result;
    }

    public string? Value(string name) => _values.TryGetValue(name, out var list) ? list[0] : null;

    public string Required(string name) => Value(name) ?? throw new UsageException($"'{Command}' needs {name}.");

    public IReadOnlyList<string> Values(string name) => _values.TryGetValue(name, out var list) ? list : [];

    public bool Flag(string name) => _values.ContainsKey(name);

    public bool Has(string name) => _values.ContainsKey(name);

    /// <summary>A three-state flag: null when not given, else its value.</summary>
    public bool? Boolean(string name) => Value(name) is { } text ? text == "true" : null;

    /// <summary>The words az's three-state flags accept.</summary>
    private static bool? ParseBoolean(string text) => text.ToLowerInvariant() switch
    {
        "true" or "yes" or "on" or "1" => true,
        "false" or "no" or "off" or "0" => false,
        _ => null,
    };

    /// <summary>A negative number is a value, not an option.</summary>
    private static bool IsOption(string text) => text.Length > 1 && text[0] == '-' && !char.IsAsciiDigit(text[1]);
}
