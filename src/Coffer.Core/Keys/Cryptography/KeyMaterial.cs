namespace Coffer.Core.Keys.Cryptography;

/// <summary>
/// One key's secret material (RSA, EC or oct). It never leaves the server except sealed: <see cref="Export"/> is meant
/// for the envelope, and nothing here may be logged.
/// </summary>
public sealed class KeyMaterial : IDisposable
{
    /// <summary>The base key type: <c>RSA</c>, <c>EC</c> or <c>oct</c> (the <c>-HSM</c> suffix is the caller's business).</summary>
    public string KeyType => throw new NotImplementedException();

    /// <summary>The EC curve (<c>P-256</c>, <c>P-256K</c>, <c>P-384</c>, <c>P-521</c>); null for RSA and oct.</summary>
    public string? Curve => throw new NotImplementedException();

    /// <summary>RSA modulus bits, oct key bits, or EC field bits.</summary>
    public int KeySize => throw new NotImplementedException();

    public byte[] Export() => throw new NotImplementedException();

    public static KeyMaterial Import(ReadOnlySpan<byte> exported) => throw new NotImplementedException();

    public PublicKeyParts PublicParts() => throw new NotImplementedException();

    public void Dispose() => throw new NotImplementedException();
}
