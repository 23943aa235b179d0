using System.Security.Cryptography;

namespace Coffer.Core.Keys.Cryptography;

/// <summary>
/// One key's secret material (RSA, EC or oct). It never leaves the server except sealed: <see cref="Export"/> is meant
/// for the envelope, and nothing here may be logged. Public-key operations build a short-lived .NET key object from
/// these bytes; the RSA private operations share one imported <see cref="RSA"/> (<see cref="PrivateRsa"/>), because
/// importing costs more than the signature itself and <c>OpenedKeyCache</c> keeps a material for many requests.
/// One instance can serve concurrent requests.
/// </summary>
public sealed partial class KeyMaterial : IDisposable
{
    // RSA: n, e, d, p, q, dp, dq, qi (RSAParameters' lengths: d as n, the CRT values half of n). EC: d, x, y at the
    // curve's byte length. oct: k.
    private readonly byte[][] _fields;
    private readonly Lock _rsaLock = new();
    private RSA? _rsa;
    private bool _disposed;

    private KeyMaterial(string keyType, string? curve, int keySize, byte[][] fields)
    {
        KeyType = keyType;
        Curve = curve;
        KeySize = keySize;
        _fields = fields;
    }

    /// <summary>The base key type: <c>RSA</c>, <c>EC</c> or <c>oct</c> (the <c>-HSM</c> suffix is the caller's business).</summary>
    public string KeyType { get; }

    /// <summary>The EC curve (<c>P-256</c>, <c>P-256K</c>, <c>P-384</c>, <c>P-521</c>); null for RSA and oct.</summary>
    public string? Curve { get; }

    /// <summary>RSA modulus bits, oct key bits, or EC field bits.</summary>
    public int KeySize { get; }

    /// <summary>The public half as JWK fields; an oct key has none.</summary>
    public PublicKeyParts PublicParts()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return KeyType switch
        {
            KeyTypes.Rsa => new PublicKeyParts(Copy(_fields[0]), Copy(_fields[1]), null, null, null),
            KeyTypes.Ec => new PublicKeyParts(null, null, Curve, Copy(_fields[1]), Copy(_fields[2])),
            _ => new PublicKeyParts(null, null, null, null, null),
        };
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        lock (_rsaLock)
        {
            _rsa?.Dispose();
            _rsa = null;
        }

        foreach (var field in _fields)
        {
            CryptographicOperations.ZeroMemory(field);
        }
    }

    internal static KeyMaterial FromRsa(RSAParameters parameters)
    {
        var modulus = parameters.Modulus!;
        var half = (modulus.Length + 1) / 2;
        byte[][] fields =
        [
            Copy(modulus),
            Copy(parameters.Exponent!),
            LeftPad(parameters.D!, modulus.Length),
            LeftPad(parameters.P!, half),
            LeftPad(parameters.Q!, half),
            LeftPad(parameters.DP!, half),
            LeftPad(parameters.DQ!, half),
            LeftPad(parameters.InverseQ!, half),
        ];
        return new KeyMaterial(KeyTypes.Rsa, null, BitLength(modulus), fields);
    }

    internal static KeyMaterial FromEc(string curve, ECParameters parameters)
    {
        var size = KeyTypes.CurveBytes(curve);
        byte[][] fields = [LeftPad(parameters.D!, size), LeftPad(parameters.Q.X!, size), LeftPad(parameters.Q.Y!, size)];
        return new KeyMaterial(KeyTypes.Ec, curve, KeyTypes.CurveBits(curve), fields);
    }

    internal static KeyMaterial FromOct(ReadOnlySpan<byte> key) => new(KeyTypes.Oct, null, key.Length * 8, [key.ToArray()]);

    /// <summary>The RSA parameters, sharing this instance's arrays: for importing into a short-lived <see cref="RSA"/> only.</summary>
    internal RSAParameters RsaParameters()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new RSAParameters
        {
            Modulus = _fields[0],
            Exponent = _fields[1],
            D = _fields[2],
            P = _fields[3],
            Q = _fields[4],
            DP = _fields[5],
            DQ = _fields[6],
            InverseQ = _fields[7],
        };
    }

    /// <summary>
    /// The private RSA key, imported on first use and shared by every operation until this material is disposed (the
    /// platform's RSA signs and decrypts concurrently; each call gets its own OpenSSL context).
    /// </summary>
    internal RSA PrivateRsa()
    {
        lock (_rsaLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_rsa is null)
            {
                var rsa = RSA.Create();
                rsa.ImportParameters(RsaParameters());
                _rsa = rsa;
            }

            return _rsa;
        }
    }

    /// <summary>The EC parameters, sharing this instance's arrays: for importing into a short-lived <see cref="ECDsa"/> only.</summary>
    internal ECParameters EcParameters(bool includePrivate)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new ECParameters
        {
            Curve = EcCurves.For(Curve!),
            D = includePrivate ? _fields[0] : null,
            Q = new ECPoint { X = _fields[1], Y = _fields[2] },
        };
    }

    internal ReadOnlySpan<byte> SymmetricKey()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _fields[0];
    }

    internal static int BitLength(ReadOnlySpan<byte> bigEndian)
    {
        var start = bigEndian.IndexOfAnyExcept((byte)0);
        if (start < 0)
        {
            return 0;
        }

        return ((bigEndian.Length - start - 1) * 8) + (32 - int.LeadingZeroCount(bigEndian[start]));
    }

    /// <summary>Big-endian integer bytes at exactly <paramref name="length"/>, left-padded with zeros (or stripped of leading zeros).</summary>
    internal static byte[] LeftPad(ReadOnlySpan<byte> value, int length)
    {
        var start = value.IndexOfAnyExcept((byte)0);
        var significant = start < 0 ? [] : value[start..];
        if (significant.Length > length)
        {
            throw new ArgumentException("The value is longer than its field.", nameof(value));
        }

        var result = new byte[length];
        significant.CopyTo(result.AsSpan(length - significant.Length));
        return result;
    }

    private static byte[] Copy(byte[] value) => (byte[])value.Clone();
}
