using System.Buffers.Binary;
using System.Globalization;
using System.Net;

namespace Coffer.Core.Network;

/// <summary>
/// An IPv4 CIDR range (<c>203.0.113.0/24</c>) as two 32-bit numbers, so matching an address is a mask and a compare.
/// A bare address is a <c>/32</c>; host bits below the prefix are cleared, so <c>203.0.113.7/24</c> reads as
/// <c>203.0.113.0/24</c> (one range has one spelling, as Azure returns a bare address with its <c>/32</c>).
/// </summary>
public readonly record struct IPv4Range
{
    private IPv4Range(uint network, int prefixLength)
    {
        PrefixLength = prefixLength;
        Mask = prefixLength == 0 ? 0u : uint.MaxValue << (32 - prefixLength);
        Network = network & Mask;
    }

    /// <summary>The first address of the range, in host order.</summary>
    public uint Network { get; }

    public uint Mask { get; }

    public int PrefixLength { get; }

    /// <summary>Reads <c>a.b.c.d</c> or <c>a.b.c.d/n</c> (n from 0 to 32); false for anything else, IPv6 included.</summary>
    public static bool TryParse(string? text, out IPv4Range range)
    {
        range = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? text.AsSpan() : text.AsSpan(0, slash);
        var prefixLength = 32;
        if (slash >= 0)
        {
            var prefixText = text.AsSpan(slash + 1);
            if (prefixText.Length is 0 or > 2 || (prefixText.Length == 2 && prefixText[0] == '0') || !int.TryParse(prefixText, NumberStyles.None, CultureInfo.InvariantCulture, out prefixLength) || prefixLength > 32)
            {
                return false;
            }
        }

        // Four dotted decimal parts only: IPAddress.TryParse also takes "1", "1.2", hex and octal ("010" is 8) forms.
        if (!TryParseDottedQuad(addressText, out var network))
        {
            return false;
        }

        range = new IPv4Range(network, prefixLength);
        return true;
    }

    /// <summary>Whether the IPv4 address (host order) lies in the range.</summary>
    public bool Contains(uint address) => (address & Mask) == Network;

    /// <summary>The range's one spelling, <c>a.b.c.d/n</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Network >> 24}.{(Network >> 16) & 0xFF}.{(Network >> 8) & 0xFF}.{Network & 0xFF}/{PrefixLength}");

    /// <summary>
    /// The caller's address as an IPv4 number (host order); an IPv4-mapped IPv6 address (<c>::ffff:a.b.c.d</c>, what a
    /// dual-stack socket reports) counts as its IPv4 address. False for any other IPv6 address. Allocates nothing.
    /// </summary>
    public static bool TryGetIPv4(IPAddress address, out uint value)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out var written))
        {
            value = 0;
            return false;
        }

        if (written == 4)
        {
            value = BinaryPrimitives.ReadUInt32BigEndian(bytes);
            return true;
        }

        if (written == 16 && address.IsIPv4MappedToIPv6)
        {
            value = BinaryPrimitives.ReadUInt32BigEndian(bytes[12..]);
            return true;
        }

        value = 0;
        return false;
    }

    private static bool TryParseDottedQuad(ReadOnlySpan<char> text, out uint value)
    {
        value = 0;
        for (var parts = 1; parts <= 4; parts++)
        {
            var dot = text.IndexOf('.');
            var part = dot < 0 ? text : text[..dot];
            if (part.Length is 0 or > 3 || (part.Length > 1 && part[0] == '0')
                || !byte.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var octet))
            {
                return false;
            }

            value = (value << 8) | octet;
            if (dot < 0)
            {
                return parts == 4;
            }

            text = text[(dot + 1)..];
        }

        return false;
    }
}
