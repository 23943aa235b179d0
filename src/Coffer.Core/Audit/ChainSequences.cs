using System.Globalization;
using System.Text;

namespace Coffer.Core.Audit;

/// <summary>
/// One sequence number per audit chain: a position in the order records arrived. Each chain is written, and becomes
/// visible to queries, in sequence order, so "sequence at most N in chain C" names exactly the records of C that had
/// arrived at some moment, however the records' times interleave across chains or a slow request's record lands late.
/// Immutable, with value equality; <see cref="ToString"/> and <see cref="Parse"/> are its stored form
/// (<c>chain:sequence</c> pairs joined by commas, ordered by chain).
/// </summary>
public sealed class ChainSequences : IEquatable<ChainSequences>
{
    private readonly SortedDictionary<string, long> _byChain;

    private ChainSequences(SortedDictionary<string, long> byChain) => _byChain = byChain;

    public static ChainSequences Empty { get; } = new(new SortedDictionary<string, long>(StringComparer.Ordinal));

    /// <summary>The highest sequence of each chain listed; a chain not listed has none.</summary>
    public IReadOnlyDictionary<string, long> ByChain => _byChain;

    public int Count => _byChain.Count;

    /// <summary>Whether <paramref name="record"/> is at or before this position in its chain.</summary>
    public bool Includes(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return _byChain.TryGetValue(record.ChainId, out var sequence) && record.Sequence <= sequence;
    }

    /// <summary>This position moved forward to <paramref name="record"/> in its chain, when that is further.</summary>
    public ChainSequences With(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Further(record.ChainId, record.Sequence);
    }

    /// <summary>The further of the two positions in every chain.</summary>
    public ChainSequences Union(ChainSequences other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var result = this;
        foreach (var (chain, sequence) in other._byChain)
        {
            result = result.Further(chain, sequence);
        }

        return result;
    }

    /// <summary>Reads the stored form; <see cref="FormatException"/> for anything <see cref="ToString"/> cannot have written.</summary>
    public static ChainSequences Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = Empty;
        foreach (var pair in text.Length == 0 ? [] : text.Split(','))
        {
            var colon = pair.LastIndexOf(':');
            if (colon <= 0 || !long.TryParse(pair.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            {
                throw new FormatException("Not a list of audit chain positions.");
            }

            result = result.Further(pair[..colon], sequence);
        }

        return result;
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var (chain, sequence) in _byChain)
        {
            text.Append(text.Length == 0 ? "" : ",").Append(chain).Append(':').Append(sequence.ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    public bool Equals(ChainSequences? other) => other is not null && _byChain.Count == other._byChain.Count && _byChain.All(p => other._byChain.TryGetValue(p.Key, out var s) && s == p.Value);

    public override bool Equals(object? obj) => Equals(obj as ChainSequences);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (chain, sequence) in _byChain)
        {
            hash.Add(chain, StringComparer.Ordinal);
            hash.Add(sequence);
        }

        return hash.ToHashCode();
    }

    private ChainSequences Further(string chain, long sequence)
    {
        if (_byChain.TryGetValue(chain, out var current) && current >= sequence)
        {
            return this;
        }

        if (chain.Length == 0 || chain.Contains(',', StringComparison.Ordinal) || sequence < 0)
        {
            throw new ArgumentException($"'{chain}' and {sequence} are not a position in an audit chain.", nameof(chain));
        }

        return new ChainSequences(new SortedDictionary<string, long>(_byChain, StringComparer.Ordinal) { [chain] = sequence });
    }
}
